import type { ParsedActivity, SampleColumns } from '../model.js'

/**
 * No session pauses its timer for 6 hours: samples beyond a gap that long come from a clock
 * that was wrong, not from the workout. NOTE: fit/sports-lib__27-days-activity.fit has 3
 * samples 27.8 days before the other 3 696; fit/python-fitparse__strava-android-app-201.10-b1218918.fit
 * ends on one sample 64 years after the rest.
 */
export const MAX_SESSION_GAP_S = 6 * 3600
/**
 * A first sample this long after the declared start means the start is wrong. NOTE:
 * gz/rowingdata__rowinginmotionexample.TCX.gz has a lap start 4 h (a time-zone slip) before its
 * first trackpoint.
 */
export const MAX_LEADING_S = 15 * 60

export interface SessionWindow {
  readonly activity: ParsedActivity
  readonly flags: readonly string[]
}

function sliceColumns(c: SampleColumns, from: number, to: number, shift: number): SampleColumns {
  const time = c.time_s.slice(from, to)
  for (let i = 0; i < time.length; i++) time[i] = time[i]! - shift
  const cut = <T extends Float32Array | Float64Array>(a: T | null): T | null => (a === null ? null : (a.slice(from, to) as T))
  return {
    time_s: time,
    heart_rate_bpm: cut(c.heart_rate_bpm),
    distance_m: cut(c.distance_m),
    speed_mps: cut(c.speed_mps),
    cadence_rpm: cut(c.cadence_rpm),
    power_w: cut(c.power_w),
    lat_deg: cut(c.lat_deg),
    lng_deg: cut(c.lng_deg),
    altitude_m: cut(c.altitude_m),
  }
}

/** The largest run of samples with no gap over MAX_SESSION_GAP_S, as [from, to). */
function largestBlock(time: Float64Array): [number, number] {
  let best: [number, number] = [0, time.length]
  let bestSize = -1
  let from = 0
  for (let i = 1; i <= time.length; i++) {
    if (i < time.length && !(time[i]! - time[i - 1]! > MAX_SESSION_GAP_S)) continue
    if (i - from > bestSize) {
      best = [from, i]
      bestSize = i - from
    }
    from = i
  }
  return best
}

/**
 * Keeps the samples that belong to the workout and moves the start to the first of them when
 * the declared start is far off. Laps, pauses and lengths move with it.
 */
export function windowSession(activity: ParsedActivity): SessionWindow {
  const time = activity.columns.time_s
  if (time.length < 2) return { activity, flags: [] }
  const flags: string[] = []
  const [from, to] = largestBlock(time)
  if (from > 0 || to < time.length) flags.push('timestamp_outliers_removed')
  const first = time[from]!
  const shift = first > MAX_LEADING_S ? first : 0
  if (shift > 0) flags.push('start_time_corrected')
  if (flags.length === 0) return { activity, flags }
  const moved = <T extends { start_s: number }>(item: T): T => ({ ...item, start_s: item.start_s - shift })
  return {
    activity: {
      ...activity,
      start_ms: activity.start_ms + shift * 1000,
      columns: sliceColumns(activity.columns, from, to, shift),
      laps: activity.laps.map(moved),
      lengths: activity.lengths.map(moved),
      pauses: activity.pauses.map((p) => ({ start_s: p.start_s - shift, end_s: p.end_s - shift })),
    },
    flags,
  }
}
