import type { ParsedActivity } from '../../model.js'
import type { CleanSeries } from '../clean.js'
import { smoothByTime } from '../moving.js'
import { RUN_STEPS, RUN_STRIDES } from './foot-cadence.js'

/** What the data says about the sport, independent of any declaration. */
export interface SportFeatures {
  readonly hasGps: boolean
  readonly hasSpeed: boolean // a usable speed while moving
  readonly speedP50: number // m/s over moving samples, NaN without speed
  readonly speedP90: number
  /** Percentiles of the 30 s mean speed over moving samples: a pace held, not a fix's noise. */
  readonly heldP50: number
  readonly heldP90: number
  readonly sustainedP95: number
  /** Share of moving samples whose 30 s mean speed is a running pace (RUNNING_PACE_MPS or more). */
  readonly runPaceShare: number
  /** Distance over timer time, m/s: how far the session travelled, standstill included. */
  readonly travelMps: number
  readonly cadenceP50: number // moving samples with cadence > 0, NaN without
  readonly cadenceShare: number // share of moving samples with cadence > 0
  /** Share of cadence samples at a running cadence counted in strides (RUN_STRIDES) or steps (RUN_STEPS). */
  readonly strideRunShare: number
  readonly stepRunShare: number
  /**
   * Share of samples at 2.5 m/s or more whose recorded cadence is 0: legs still at speed, which is
   * freewheeling. A runner's feet never stop at a running pace; standing still (and its GPS drift)
   * is too slow to count.
   */
  readonly coastingShare: number
  readonly powerP50: number
  readonly powerShare: number
  readonly activeLengths: number // pool lengths that are not rests
  readonly deviceLengths: number // session num_lengths when the device also names a pool length, else 0
  readonly climbPerHourM: number // positive altitude change per timer hour
  readonly hasHeartRate: boolean
  readonly hrSetsPerHour: number // rises and falls of heart rate of a strength set's size
  readonly timerS: number
  readonly samples: number
}

/** Too little distance to read a speed from (a watch that drifts indoors). */
const MIN_DISTANCE_M = 50
const MIN_SPEED_SAMPLES = 5
/** A strength set lifts HR by 15 bpm or more, and the rest brings it back (Kraemer & Ratamess 2004). */
const HR_SET_SWING_BPM = 15
const HR_SMOOTH_HALF_S = 10
/** Speeds are judged held when they last: a 30 s centred mean (GPS noise averages out). */
const SUSTAINED_HALF_S = 15
/**
 * 2.3 m/s (8.3 km/h, 7:15 min/km) is a slow jog; walkers cannot hold it, since the walk-to-run
 * transition sits near 2.0–2.1 m/s (Hreljac 1993, "Preferred and energetically optimal gait
 * transition speeds in human locomotion").
 */
export const RUNNING_PACE_MPS = 2.3
/** A speed no one reaches standing or walking: legs still at it are coasting. */
const COASTING_MPS = 2.5

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  values.sort((a, b) => a - b)
  return values[Math.min(values.length - 1, Math.floor(p * values.length))]!
}

function shareWithin(values: readonly number[], [lo, hi]: readonly [number, number]): number {
  if (values.length === 0) return 0
  return values.filter((v) => v >= lo && v <= hi).length / values.length
}

/** Counts rises of at least `swing` that fall back by `swing` again (a zig-zag count). */
export function countSwings(values: Float32Array, swing: number): number {
  let swings = 0
  let low = Number.NaN
  let high = Number.NaN
  let up = false
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (Number.isNaN(v)) continue
    if (Number.isNaN(low)) {
      low = v
      high = v
    } else if (!up) {
      if (v < low) low = high = v
      else if (v > high) high = v
      up = high - low >= swing
    } else if (v > high) high = v
    else if (high - v >= swing) {
      swings++
      up = false
      low = high = v
    }
  }
  return swings
}

function totalClimb(altitude: Float32Array | null, time: Float64Array): number {
  if (altitude === null) return 0
  // A 30 s mean keeps barometric and GPS altitude jitter from adding up to false climbing.
  const smooth = smoothByTime(altitude, time, 15)
  let climb = 0
  let last = Number.NaN
  for (let i = 0; i < smooth.length; i++) {
    const v = smooth[i]!
    if (Number.isNaN(v)) continue
    if (!Number.isNaN(last) && v > last) climb += v - last
    last = v
  }
  return climb
}

export function extractFeatures(activity: ParsedActivity, s: CleanSeries, moving: Uint8Array, timerS: number): SportFeatures {
  const speeds: number[] = []
  const sustained: number[] = []
  const held = s.speed === null ? null : smoothByTime(s.speed, s.time_s, SUSTAINED_HALF_S)
  const cadences: number[] = []
  const powers: number[] = []
  let movingCount = 0
  let coasting = 0
  let cadenceAtSpeed = 0
  let runPace = 0
  for (let i = 0; i < moving.length; i++) {
    if (moving[i] !== 1) continue
    movingCount++
    const v = s.speed?.[i] ?? Number.NaN
    if (Number.isFinite(v)) speeds.push(v)
    const h = held?.[i] ?? Number.NaN
    if (Number.isFinite(h)) sustained.push(h)
    if (h >= RUNNING_PACE_MPS) runPace++
    const c = s.cadence?.[i] ?? Number.NaN
    if (c > 0) cadences.push(c)
    if (Number.isFinite(c) && v >= COASTING_MPS) {
      cadenceAtSpeed++
      if (c === 0) coasting++
    }
    const p = s.power?.[i] ?? Number.NaN
    if (p > 0) powers.push(p)
  }
  const distance = s.distance === null ? 0 : distanceSpan(s.distance)
  let hasSpeed = distance >= MIN_DISTANCE_M && speeds.length >= MIN_SPEED_SAMPLES
  let p50 = hasSpeed ? percentile(speeds, 0.5) : Number.NaN
  let p90 = hasSpeed ? percentile(speeds, 0.9) : Number.NaN
  // NOTE: a pool swim as TCX has its distance only in laps (tcx/sports-lib__6860712481.tcx): the
  // session's average speed stands in for the speed trace.
  const total = activity.totals.distance_m ?? 0
  let travelled = distance
  if (!hasSpeed && total >= MIN_DISTANCE_M && timerS > 0) {
    hasSpeed = true
    p50 = p90 = total / timerS
    travelled = total
  }
  const hours = Math.max(timerS, 1) / 3600
  const hrSwings = s.hr === null ? 0 : countSwings(smoothByTime(s.hr, s.time_s, HR_SMOOTH_HALF_S), HR_SET_SWING_BPM)
  return {
    hasGps: s.hasGps,
    hasSpeed,
    speedP50: p50,
    speedP90: p90,
    heldP50: hasSpeed && sustained.length > 0 ? percentile(sustained, 0.5) : p50,
    heldP90: hasSpeed && sustained.length > 0 ? percentile(sustained, 0.9) : p90,
    sustainedP95: hasSpeed ? percentile(sustained, 0.95) : Number.NaN,
    runPaceShare: sustained.length > 0 ? runPace / sustained.length : 0,
    travelMps: timerS > 0 ? travelled / timerS : 0,
    cadenceP50: percentile(cadences, 0.5),
    cadenceShare: movingCount > 0 ? cadences.length / movingCount : 0,
    strideRunShare: shareWithin(cadences, RUN_STRIDES),
    stepRunShare: shareWithin(cadences, RUN_STEPS),
    coastingShare: cadenceAtSpeed > 0 ? coasting / cadenceAtSpeed : 0,
    powerP50: percentile(powers, 0.5),
    powerShare: movingCount > 0 ? powers.length / movingCount : 0,
    activeLengths: activity.lengths.filter((l) => !l.idle).length,
    deviceLengths: (activity.totals.pool_length_m ?? 0) > 0 ? (activity.totals.num_lengths ?? 0) : 0,
    climbPerHourM: totalClimb(s.altitude, s.time_s) / hours,
    hasHeartRate: s.hr !== null,
    hrSetsPerHour: hrSwings / hours,
    timerS,
    samples: s.time_s.length,
  }
}

/** Largest minus smallest finite cumulative distance. */
export function distanceSpan(distance: Float64Array): number {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i]!
    if (!Number.isFinite(d)) continue
    if (d < min) min = d
    if (d > max) max = d
  }
  return max > min ? max - min : 0
}
