/**
 * TCX (Garmin Training Center v2) → one ParsedActivity per Activity, including each leg of a
 * MultiSportSession. Totals are sums over laps; elapsed runs from the first lap start to the
 * last trackpoint, as the corpus MANIFEST.tsv measures it.
 */
import { FitledgerError } from '../errors.js'
import type { Lap, LapIntensity, ParsedActivity } from '../model.js'
import { SampleBuilder } from './columns.js'
import { parseIsoTime } from './iso-time.js'
import { declaredSportFromText } from './sport-names.js'
import { TimedRows } from './timed-rows.js'
import { NO_TOTALS, finiteOrNull } from './totals.js'
import { readXml } from './xml.js'
import { asArray, child, labelOf, numberOf, textOf } from './xml-node.js'

const INTENSITY: Readonly<Record<string, LapIntensity>> = { Active: 'active', Resting: 'rest' }

interface Leg {
  readonly node: unknown
  readonly multisport: boolean
}

function legsOf(activities: unknown): Leg[] {
  const legs: Leg[] = asArray(child(activities, 'Activity')).map((node) => ({ node, multisport: false }))
  for (const session of asArray(child(activities, 'MultiSportSession'))) {
    const first = asArray(child(child(session, 'FirstSport'), 'Activity'))
    const next = asArray(child(session, 'NextSport')).flatMap((n) => asArray(child(n, 'Activity')))
    for (const node of [...first, ...next]) legs.push({ node, multisport: true })
  }
  return legs
}

function trackpointsOf(lap: unknown): unknown[][] {
  return asArray(child(lap, 'Track')).map((track) => asArray(child(track, 'Trackpoint')))
}

/** Positive lap values only: 0 is how exporters write "unknown" (REGIMEN.md, Energy). */
function positiveOrNull(value: number): number | null {
  return Number.isFinite(value) && value > 0 ? value : null
}

function parseLeg(leg: Leg, compressed: boolean, xmlFlags: readonly string[]): ParsedActivity | null {
  const flags = [...xmlFlags]
  if (leg.multisport) flags.push('multisport')
  const lapNodes = asArray(child(leg.node, 'Lap'))
  const lapStarts = lapNodes.map((lap) => parseIsoTime(textOf(child(lap, '@_StartTime'))))
  const tracks = lapNodes.map(trackpointsOf)
  const total = tracks.reduce((n, lap) => n + lap.reduce((m, t) => m + t.length, 0), 0)
  const firstLapStart = lapStarts.find((ms) => !Number.isNaN(ms)) ?? Number.NaN
  const startFromLap = !Number.isNaN(firstLapStart)
  const builder = new SampleBuilder(total)
  const rows = new TimedRows(builder, firstLapStart)
  for (const lapTracks of tracks) {
    lapTracks.forEach((points, trackIndex) => {
      let opensSegment = trackIndex > 0 // a new Track inside a lap follows a timer stop
      for (const tp of points) {
        if (!rows.add(parseIsoTime(textOf(child(tp, 'Time'))), opensSegment)) continue
        opensSegment = false
        const position = child(tp, 'Position')
        if (position !== undefined) {
          builder.set('lat_deg', numberOf(child(position, 'LatitudeDegrees')))
          builder.set('lng_deg', numberOf(child(position, 'LongitudeDegrees')))
        }
        builder.set('altitude_m', numberOf(child(tp, 'AltitudeMeters')))
        builder.set('distance_m', numberOf(child(tp, 'DistanceMeters')))
        builder.set('heart_rate_bpm', numberOf(child(child(tp, 'HeartRateBpm'), 'Value')))
        const tpx = child(child(tp, 'Extensions'), 'TPX')
        builder.set('cadence_rpm', numberOf(child(tp, 'Cadence')))
        if (tpx !== undefined) {
          builder.set('speed_mps', numberOf(child(tpx, 'Speed')))
          builder.set('power_w', numberOf(child(tpx, 'Watts')))
          if (!Number.isFinite(numberOf(child(tp, 'Cadence')))) builder.set('cadence_rpm', numberOf(child(tpx, 'RunCadence')))
        }
      }
    })
  }
  const { startMs, lastMs } = rows
  if (Number.isNaN(startMs)) return null
  flags.push(...rows.flags())

  const laps: Lap[] = lapNodes.map((lap, i) => {
    const seconds = finiteOrNull(numberOf(child(lap, 'TotalTimeSeconds')))
    const lapStart = lapStarts[i] as number
    return {
      start_s: Number.isNaN(lapStart) ? 0 : (lapStart - startMs) / 1000,
      elapsed_s: seconds ?? 0,
      timer_s: seconds,
      distance_m: finiteOrNull(numberOf(child(lap, 'DistanceMeters'))),
      intensity: INTENSITY[textOf(child(lap, 'Intensity'))?.trim() ?? ''] ?? null,
      calories_kcal: positiveOrNull(numberOf(child(lap, 'Calories'))),
      avg_hr_bpm: positiveOrNull(numberOf(child(child(lap, 'AverageHeartRateBpm'), 'Value'))),
      max_hr_bpm: positiveOrNull(numberOf(child(child(lap, 'MaximumHeartRateBpm'), 'Value'))),
    }
  })
  const timerSum = laps.reduce((s, lap) => s + (lap.timer_s ?? 0), 0)
  const sumOf = (pick: (lap: Lap) => number | null): number | null =>
    laps.some((lap) => pick(lap) !== null) ? laps.reduce((s, lap) => s + (pick(lap) ?? 0), 0) : null
  const hrLaps = laps.filter((lap) => lap.avg_hr_bpm !== null && (lap.timer_s ?? 0) > 0)
  const hrSeconds = hrLaps.reduce((s, lap) => s + (lap.timer_s as number), 0)
  const maxHrs = laps.flatMap((lap) => (lap.max_hr_bpm === null ? [] : [lap.max_hr_bpm]))
  const creator = child(leg.node, 'Creator')
  return {
    format: 'tcx',
    compressed,
    declared_sport: declaredSportFromText(textOf(child(leg.node, '@_Sport'))),
    declared_sub_sport: null,
    start_ms: startMs,
    utc_offset_s: null, // TCX times are UTC
    name: labelOf(child(leg.node, 'Notes')),
    device: labelOf(child(creator, 'Name')),
    file_id: null,
    session_index: 0,
    totals: {
      ...NO_TOTALS,
      // NOTE: tcx/rowingdata__painsled.tcx has a lap StartTime in the year 52870; without a
      // usable lap start the elapsed time falls back to the lap timer sum.
      elapsed_s: startFromLap && !Number.isNaN(lastMs) ? (lastMs - startMs) / 1000 : laps.length > 0 ? timerSum : null,
      timer_s: laps.length > 0 ? timerSum : null,
      distance_m: sumOf((lap) => lap.distance_m),
      calories_kcal: sumOf((lap) => lap.calories_kcal),
      avg_hr_bpm: hrSeconds > 0 ? hrLaps.reduce((s, lap) => s + (lap.avg_hr_bpm as number) * (lap.timer_s as number), 0) / hrSeconds : null,
      max_hr_bpm: maxHrs.length > 0 ? Math.max(...maxHrs) : null,
    },
    laps,
    lengths: [],
    pauses: rows.pauses,
    columns: builder.build(),
    flags,
  }
}

export function parseTcx(bytes: Uint8Array, compressed: boolean): ParsedActivity[] {
  const { root, flags } = readXml(bytes, 'TrainingCenterDatabase')
  const legs = legsOf(child(root, 'Activities'))
  const parsed = legs.flatMap((leg) => parseLeg(leg, compressed, flags) ?? [])
  if (parsed.length === 0) {
    throw new FitledgerError('no_activity_data', 'the TCX holds no activity with a usable time')
  }
  return parsed.sort((a, b) => a.start_ms - b.start_ms).map((activity, session_index) => ({ ...activity, session_index }))
}
