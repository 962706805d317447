import type { Sex } from '../../model.js'
import { reserveFraction, zoneOf } from './hr-zones.js'
import { trimpFor } from './trimp.js'

export interface HeartRateSummary {
  readonly hr_avg: number | null
  readonly hr_max: number | null
  readonly hr_min: number | null
  readonly hr_zones_s: [number, number, number, number, number]
  readonly trimp: number | null
}

export interface HeartRateInputs {
  readonly hr: Float32Array | null
  readonly weight_s: Float64Array // timer seconds each sample stands for
  /** Timer seconds of an unrecorded gap after each sample (Timeline.gap_s); none when absent. */
  readonly gap_s?: Float64Array
  readonly hrRest: number
  readonly hrMax: number
  readonly sex: Sex | null
}

/**
 * REGIMEN.md, Time and heart rate: over every sample with a heart rate while the timer runs,
 * standstill included. The average is weighted by the time each sample holds, as devices average
 * a per-second stream (see test/bench/eval.ts for the agreement with device totals). Across a gap
 * the device's timer counted, the heart rate runs straight from the sample before to the one
 * after: the device had a heart rate there, the file kept none, and the middle of the two ends
 * is the best estimate of its mean (NOTE: fit/python-fitparse__2013-02-06-12-11-14.fit).
 */
export function summariseHeartRate({ hr, weight_s, gap_s, hrRest, hrMax, sex }: HeartRateInputs): HeartRateSummary {
  const zones: [number, number, number, number, number] = [0, 0, 0, 0, 0]
  if (hr === null) return { hr_avg: null, hr_max: null, hr_min: null, hr_zones_s: zones, trimp: null }
  let sum = 0
  let seconds = 0
  let max = -Infinity
  let min = Infinity
  let trimp = 0
  const add = (v: number, w: number): void => {
    sum += v * w
    seconds += w
    const fraction = reserveFraction(v, hrRest, hrMax)
    const zone = zoneOf(fraction)
    if (zone >= 0) zones[zone] = zones[zone]! + w
    trimp += trimpFor(sex, w / 60, fraction)
  }
  for (let i = 0; i < hr.length; i++) {
    const v = hr[i]!
    if (Number.isNaN(v)) continue
    const w = weight_s[i]!
    const g = gap_s?.[i] ?? 0
    if (w <= 0 && g <= 0) continue
    if (v > max) max = v
    if (v < min) min = v
    const next = i + 1 < hr.length ? hr[i + 1]! : Number.NaN
    if (w > 0) add(Number.isNaN(next) ? v : (v + next) / 2, w)
    if (g > 0 && !Number.isNaN(next)) add((v + next) / 2, g)
  }
  if (seconds === 0) return { hr_avg: null, hr_max: null, hr_min: null, hr_zones_s: zones, trimp: null }
  return { hr_avg: sum / seconds, hr_max: max, hr_min: min, hr_zones_s: zones, trimp }
}
