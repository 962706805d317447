import { describe, expect, it } from 'vitest'
import { encodeFit, encodeGpx, encodeTcx, type ActivitySpec } from '../../../fixtures/encode/index.js'
import { parse } from '../../../src/parse/index.js'

const LIMITS = { maxUncompressedBytes: 1e8 }
const START = Date.UTC(2024, 4, 1, 7, 0, 0)
// 20 min of 1 Hz samples with a 60 s stop (no samples) from 600 s to 660 s.
const TIMES = Array.from({ length: 1142 }, (_, i) => (i <= 600 ? i : i + 59))

const SPEC: ActivitySpec = {
  name: 'Intervals & hills',
  utc_offset_s: 7200,
  sessions: [
    {
      start_ms: START,
      sport: { fit: 'running', fit_sub_sport: 'trail', tcx: 'Running', gpx: 'running' },
      samples: {
        time_s: TIMES,
        heart_rate_bpm: TIMES.map((t) => 120 + (t % 40)),
        distance_m: TIMES.map((t) => t * 3),
        speed_mps: TIMES.map(() => 3),
        cadence_rpm: TIMES.map((t) => (t === 30 ? null : 85)),
        power_w: TIMES.map(() => 250),
        lat_deg: TIMES.map((t) => 46 + t * 1e-5),
        lng_deg: TIMES.map((t) => 7 + t * 1e-5),
        altitude_m: TIMES.map((t) => 400 + t / 10),
      },
      laps: [
        { start_s: 0, duration_s: 900, intensity: 'active', distance_m: 2520, calories_kcal: 60 },
        { start_s: 900, duration_s: 300, intensity: 'rest', distance_m: 900, calories_kcal: 40 },
      ],
      pauses: [{ start_s: 600, end_s: 660 }],
      totals: { calories_kcal: 100, distance_m: 3420 },
    },
  ],
}

const ENCODERS = [
  { format: 'fit', encode: encodeFit },
  { format: 'gpx', encode: encodeGpx },
  { format: 'tcx', encode: encodeTcx },
] as const

describe.each(ENCODERS)('parse(encode $format(spec))', ({ format, encode }) => {
  it('reproduces start, sport and the sample columns', async () => {
    const [a, ...rest] = await parse(encode(SPEC), LIMITS)
    expect(rest).toHaveLength(0)
    expect(a?.format).toBe(format)
    expect(a?.start_ms).toBe(START)
    expect(a?.declared_sport).toBe('running')
    const c = a?.columns
    expect(Array.from(c?.time_s ?? [])).toEqual(TIMES)
    expect(c?.heart_rate_bpm?.[700]).toBe(120 + (759 % 40))
    expect(c?.cadence_rpm?.[30]).toBeNaN() // a recorded gap stays a gap
    expect(c?.cadence_rpm?.[31]).toBe(85)
    expect(c?.power_w?.[5]).toBe(250)
    expect(c?.lat_deg?.[100]).toBeCloseTo(46.001, 6) // FIT semicircles: about 1e-7° resolution
    expect(c?.lng_deg?.[100]).toBeCloseTo(7.001, 6)
    expect(c?.altitude_m?.[100]).toBeCloseTo(410, 0)
    // GPX has no distance: derived from positions. 0.001° of latitude = 111.19 m and 0.001° of
    // longitude at 46° N = 111.19 × cos 46° = 77.24 m: √(111.19² + 77.24²) = 135.39 m.
    expect(c?.distance_m?.[100]).toBeCloseTo(format === 'gpx' ? 135.39 : 300, 1)
    expect(a?.pauses).toEqual([{ start_s: 600, end_s: 660 }])
  })
})

describe.each(ENCODERS.filter((e) => e.format !== 'gpx'))('parse(encode $format(spec)), laps', ({ encode }) => {
  it('reproduces laps and totals', async () => {
    const [a] = await parse(encode(SPEC), LIMITS)
    expect(a?.laps.map((lap) => [lap.start_s, lap.elapsed_s, lap.intensity, lap.distance_m, lap.calories_kcal])).toEqual([
      [0, 900, 'active', 2520, 60],
      [900, 300, 'rest', 900, 40],
    ])
    expect(a?.totals.calories_kcal).toBe(100)
    expect(a?.totals.distance_m).toBe(3420)
    expect(a?.totals.elapsed_s).toBe(1200)
  })
})

describe('FIT specifics', () => {
  it('keeps sub-sport, UTC offset, device and timer time', async () => {
    const [a] = await parse(encodeFit(SPEC), LIMITS)
    expect(a?.declared_sub_sport).toBe('trail')
    expect(a?.utc_offset_s).toBe(7200)
    expect(a?.device).toBe('development 1')
    expect(a?.file_id?.serial_number).toBe('12345')
    expect(a?.totals.timer_s).toBe(1140) // 1200 s elapsed − 60 s stopped
  })

  it('writes pool lengths with idle rests', async () => {
    const swim: ActivitySpec = {
      sessions: [
        {
          start_ms: START,
          sport: { fit: 'swimming', fit_sub_sport: 'lap_swimming' },
          samples: { time_s: [0, 30, 60, 90] },
          lengths: [
            { start_s: 0, duration_s: 30, strokes: 18 },
            { start_s: 30, duration_s: 30, idle: true },
            { start_s: 60, duration_s: 30, strokes: 20 },
          ],
          totals: { pool_length_m: 25 },
        },
      ],
    }
    const [a] = await parse(encodeFit(swim), LIMITS)
    expect(a?.declared_sport).toBe('swimming')
    expect(a?.declared_sub_sport).toBe('lap_swimming')
    expect(a?.lengths).toEqual([
      { start_s: 0, elapsed_s: 30, strokes: 18, idle: false },
      { start_s: 30, elapsed_s: 30, strokes: null, idle: true },
      { start_s: 60, elapsed_s: 30, strokes: 20, idle: false },
    ])
    expect(a?.totals.pool_length_m).toBe(25)
    expect(a?.totals.num_lengths).toBe(3)
    expect(a?.columns.heart_rate_bpm).toBeNull() // never recorded
  })
})
