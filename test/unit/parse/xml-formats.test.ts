import { describe, expect, it } from 'vitest'
import { FitledgerError } from '../../../src/errors.js'
import { parse } from '../../../src/parse/index.js'

const LIMITS = { maxUncompressedBytes: 1e7 }
const text = (s: string): Uint8Array => new TextEncoder().encode(s)

function gpx(body: string, prolog = '<?xml version="1.0" encoding="UTF-8"?>\n'): string {
  return `${prolog}<gpx version="1.1" creator="Test GPS" xmlns="http://www.topografix.com/GPX/1/1"
 xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">${body}</gpx>`
}

const TRACK = `<trk><name>Lunch &amp; Run</name><type>9</type><trkseg>
<trkpt lat="46.0" lon="7.0"><ele>400</ele><time>2024-03-01T12:00:00Z</time>
 <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>120</gpxtpx:hr><gpxtpx:cad>80</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>
<trkpt lat="46.001" lon="7.0"><ele>401</ele><time>2024-03-01T12:00:30Z</time>
 <extensions><power>210</power><gpxtpx:TrackPointExtension><gpxtpx:hr>130</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
</trkseg><trkseg>
<trkpt lat="46.002" lon="7.0"><time>2024-03-01T12:02:00Z</time></trkpt>
</trkseg></trk>`

function tcx(activities: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
 xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities>${activities}</Activities></TrainingCenterDatabase>`
}

function tcxActivity(sport: string, start: string, seconds: number, extra = ''): string {
  const t1 = new Date(Date.parse(start) + seconds * 1000).toISOString()
  return `<Activity Sport="${sport}"><Id>${start}</Id>
<Lap StartTime="${start}"><TotalTimeSeconds>${seconds}</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters>
<Calories>75</Calories><AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>
<MaximumHeartRateBpm><Value>160</Value></MaximumHeartRateBpm><Intensity>Resting</Intensity><TriggerMethod>Manual</TriggerMethod>
<Track><Trackpoint><Time>${start}</Time><DistanceMeters>0</DistanceMeters><HeartRateBpm><Value>120</Value></HeartRateBpm>
<Extensions><ns3:TPX><ns3:Speed>2.5</ns3:Speed><ns3:RunCadence>82</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>
<Trackpoint><Time>${t1}</Time><DistanceMeters>1000</DistanceMeters><Cadence>90</Cadence></Trackpoint></Track></Lap>${extra}</Activity>`
}

async function codeOf(input: string | Uint8Array): Promise<string> {
  try {
    await parse(typeof input === 'string' ? text(input) : input, LIMITS)
    return 'none'
  } catch (err) {
    return err instanceof FitledgerError ? err.code : 'not a FitledgerError'
  }
}

describe('GPX', () => {
  it('reads points, extensions, name and the Strava type code', async () => {
    const [a] = await parse(text(gpx(TRACK)), LIMITS)
    expect(a?.format).toBe('gpx')
    expect(a?.declared_sport).toBe('run') // Strava code 9
    expect(a?.name).toBe('Lunch & Run') // &amp; decoded
    expect(a?.device).toBe('Test GPS')
    expect(a?.start_ms).toBe(Date.UTC(2024, 2, 1, 12, 0, 0))
    expect(a?.utc_offset_s).toBeNull()
    expect(Array.from(a?.columns.time_s ?? [])).toEqual([0, 30, 120])
    expect(Array.from(a?.columns.heart_rate_bpm ?? [])).toEqual([120, 130, Number.NaN])
    expect(Array.from(a?.columns.power_w ?? [])).toEqual([Number.NaN, 210, Number.NaN])
    expect(a?.columns.speed_mps).toBeNull()
    // 0.001° of latitude ≈ 111.2 m (6 371 008.8 m × π/180 × 0.001)
    expect(a?.columns.distance_m?.[1]).toBeCloseTo(111.195, 2)
    expect(a?.columns.distance_m?.[2]).toBeCloseTo(222.39, 1)
    expect(a?.pauses).toEqual([{ start_s: 30, end_s: 120 }]) // between the two segments
  })

  it.each([
    { name: 'with a UTF-8 BOM', prolog: '\uFEFF<?xml version="1.0"?>', flag: 'bom' },
    { name: 'with whitespace before the declaration', prolog: '\n  <?xml version="1.0"?>', flag: 'leading_whitespace' },
  ])('parses $name and flags it', async ({ prolog, flag }) => {
    const [a] = await parse(text(gpx(TRACK, prolog)), LIMITS)
    expect(a?.flags).toContain(flag)
    expect(a?.columns.time_s.length).toBe(3)
  })

  it.each([
    { name: 'a DOCTYPE', input: gpx(TRACK, '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x "y">]>'), code: 'corrupt_file' },
    { name: 'truncated XML', input: gpx(TRACK).slice(0, 400), code: 'corrupt_file' },
    { name: 'a route only', input: gpx('<rte><rtept lat="1" lon="1"/></rte>'), code: 'no_activity_data' },
    { name: 'waypoints only', input: gpx('<wpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></wpt>'), code: 'no_activity_data' },
    { name: 'no times', input: gpx('<trk><trkseg><trkpt lat="1" lon="1"/></trkseg></trk>'), code: 'no_activity_data' },
    {
      name: 'INT32_MIN placeholder times',
      input: gpx('<trk><trkseg><trkpt lat="1" lon="1"><time>1901-12-13T20:45:52Z</time></trkpt></trkseg></trk>'),
      code: 'no_activity_data',
    },
    { name: 'plain text', input: 'not xml at all', code: 'unsupported_format' },
  ])('$name → $code', async ({ input, code }) => {
    expect(await codeOf(input)).toBe(code)
  })

  it('an unbound namespace prefix is read by local name', async () => {
    const body = TRACK.replace('<power>210</power>', '<gpxdata:power>210</gpxdata:power>')
    const [a] = await parse(text(gpx(body)), LIMITS)
    expect(a?.columns.power_w?.[1]).toBe(210)
  })

  it('an undefined entity stays as written (no entity expansion)', async () => {
    const [a] = await parse(text(gpx(TRACK.replace('Lunch &amp; Run', 'A &#233; &custom;'))), LIMITS)
    expect(a?.name).toBe('A é &custom;')
  })
})

describe('TCX', () => {
  it('reads laps, trackpoints and totals', async () => {
    const [a] = await parse(text(tcx(tcxActivity('Running', '2024-03-01T12:00:00.000Z', 600))), LIMITS)
    expect(a?.format).toBe('tcx')
    expect(a?.declared_sport).toBe('running')
    expect(Array.from(a?.columns.time_s ?? [])).toEqual([0, 600])
    expect(Array.from(a?.columns.speed_mps ?? [])).toEqual([2.5, Number.NaN])
    expect(Array.from(a?.columns.cadence_rpm ?? [])).toEqual([82, 90]) // RunCadence, then Cadence
    expect(a?.laps).toEqual([
      {
        start_s: 0,
        elapsed_s: 600,
        timer_s: 600,
        distance_m: 1000,
        intensity: 'rest',
        calories_kcal: 75,
        avg_hr_bpm: 140,
        max_hr_bpm: 160,
      },
    ])
    expect(a?.totals).toMatchObject({ elapsed_s: 600, timer_s: 600, distance_m: 1000, calories_kcal: 75, avg_hr_bpm: 140, max_hr_bpm: 160 })
  })

  it('several activities → one each, in time order', async () => {
    const doc = tcx(tcxActivity('Biking', '2024-03-01T14:00:00.000Z', 60) + tcxActivity('Other', '2024-03-01T12:00:00.000Z', 30))
    const parsed = await parse(text(doc), LIMITS)
    expect(parsed.map((a) => [a.session_index, a.declared_sport, a.totals.elapsed_s])).toEqual([
      [0, 'other', 30],
      [1, 'biking', 60],
    ])
  })

  it('a MultiSportSession → one activity per leg', async () => {
    const legs = `<MultiSportSession><Id>2024-03-01T12:00:00Z</Id>
<FirstSport>${tcxActivity('Running', '2024-03-01T12:00:00.000Z', 100)}</FirstSport>
<NextSport>${tcxActivity('Biking', '2024-03-01T12:02:00.000Z', 200)}</NextSport></MultiSportSession>`
    const parsed = await parse(text(tcx(legs)), LIMITS)
    expect(parsed.map((a) => [a.declared_sport, a.totals.elapsed_s, a.flags.includes('multisport')])).toEqual([
      ['running', 100, true],
      ['biking', 200, true],
    ])
  })

  it('NUL bytes in a name are dropped and flagged', async () => {
    const doc = tcxActivity('Biking', '2024-03-01T12:00:00.000Z', 60, '<Creator><Name>Concept2\u0000\u0000</Name></Creator>')
    const [a] = await parse(text(tcx(doc)), LIMITS)
    expect(a?.device).toBe('Concept2')
    expect(a?.flags).toContain('invalid_xml_chars')
  })

  it.each([
    { name: 'truncated', input: tcx(tcxActivity('Running', '2024-03-01T12:00:00.000Z', 60)).slice(0, -60), code: 'corrupt_file' },
    { name: 'no activities', input: tcx(''), code: 'no_activity_data' },
    { name: 'a DOCTYPE', input: '<!DOCTYPE TrainingCenterDatabase><TrainingCenterDatabase/>', code: 'corrupt_file' },
  ])('$name → $code', async ({ input, code }) => {
    expect(await codeOf(input)).toBe(code)
  })
})
