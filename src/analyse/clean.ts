import type { SampleColumns } from '../model.js'
import { gapThreshold } from './timeline.js'
import { haversineM } from '../parse/geo.js'

/**
 * Samples as analysis uses them: time strictly usable (finite, never decreasing), heart rate
 * without spikes, speed and cumulative distance without GPS jumps. Channels the file never
 * recorded stay null; a speed or distance the file lacks is derived from distance or GPS.
 */
export interface CleanSeries {
  readonly time_s: Float64Array
  readonly hr: Float32Array | null
  readonly speed: Float32Array | null // m/s; NaN where unknown
  readonly distance: Float64Array | null // cumulative metres; NaN where unknown
  readonly cadence: Float32Array | null
  readonly power: Float32Array | null
  readonly altitude: Float32Array | null
  readonly hasGps: boolean
  readonly flags: readonly string[]
}

/** Physiological bounds: no adult heart beats above 230 bpm or below 25 bpm while exercising. */
export const HR_MIN_BPM = 25
export const HR_MAX_BPM = 230
/** A heart rate cannot move by more than about 3 bpm a second; allow a generous 40 bpm + 5/s. */
const HR_JUMP_BPM = 40
const HR_JUMP_PER_S = 5
/** Faster than any human-powered sport (downhill MTB peaks near 25 m/s): a GPS or sensor glitch. */
export const MAX_PLAUSIBLE_SPEED_MPS = 45

/** Indices whose time is finite and not before any earlier kept time. */
function keptIndices(time: Float64Array): Int32Array | null {
  const keep = new Int32Array(time.length)
  let count = 0
  let last = -Infinity
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!
    if (Number.isFinite(t) && t >= last) {
      keep[count++] = i
      last = t
    }
  }
  return count === time.length ? null : keep.subarray(0, count)
}

function pick<T extends Float32Array | Float64Array>(col: T | null, keep: Int32Array | null, make: (n: number) => T): T | null {
  if (col === null) return null
  const n = keep === null ? col.length : keep.length
  const out = make(n)
  for (let i = 0; i < n; i++) out[i] = col[keep === null ? i : keep[i]!]!
  return out
}

/** NaN heart rates outside the bounds and isolated spikes that leave and return in one sample. */
function cleanHeartRate(hr: Float32Array, time: Float64Array): boolean {
  let removed = false
  for (let i = 0; i < hr.length; i++) {
    const v = hr[i]!
    if (Number.isNaN(v)) continue
    if (v > HR_MAX_BPM || v < HR_MIN_BPM) {
      hr[i] = Number.NaN
      removed = true
    }
  }
  for (let i = 1; i + 1 < hr.length; i++) {
    const prev = hr[i - 1]!
    const next = hr[i + 1]!
    const v = hr[i]!
    if (Number.isNaN(prev) || Number.isNaN(next) || Number.isNaN(v)) continue
    const allowed = HR_JUMP_BPM + HR_JUMP_PER_S * Math.min(time[i]! - time[i - 1]!, time[i + 1]! - time[i]!)
    if (Math.abs(v - prev) > allowed && Math.abs(v - next) > allowed && Math.abs(next - prev) <= allowed) {
      hr[i] = Number.NaN
      removed = true
    }
  }
  return removed
}

/** Cumulative distance from GPS, skipping fixes that imply an impossible speed. */
function distanceFromGps(
  lat: Float64Array,
  lng: Float64Array,
  time: Float64Array,
): { distance: Float64Array; jumps: boolean; fixes: number } {
  const distance = new Float64Array(lat.length).fill(Number.NaN)
  let jumps = false
  let fixes = 0
  let total = 0
  let last = -1
  for (let i = 0; i < lat.length; i++) {
    const la = lat[i]!
    const lo = lng[i]!
    if (!Number.isFinite(la) || !Number.isFinite(lo) || (la === 0 && lo === 0)) continue
    if (last >= 0) {
      const d = haversineM(lat[last]!, lng[last]!, la, lo)
      const dt = time[i]! - time[last]!
      if (d > MAX_PLAUSIBLE_SPEED_MPS * Math.max(dt, 1)) {
        jumps = true
        continue
      }
      total += d
    }
    distance[i] = total
    last = i
    fixes++
  }
  return { distance, jumps, fixes }
}

/**
 * Speed from cumulative distance, by backward difference over the last known distance. Across a
 * gap in the recording the speed is unknown, not the gap's average (a boat rested between
 * pieces; NOTE: tcx/rowingdata__3x250m.tcx).
 */
function speedFromDistance(distance: Float64Array, time: Float64Array): Float32Array {
  const gap = gapThreshold(time)
  const speed = new Float32Array(distance.length).fill(Number.NaN)
  let last = -1
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i]!
    if (!Number.isFinite(d)) continue
    if (last >= 0) {
      const dt = time[i]! - time[last]!
      if (dt > 0 && dt <= gap) speed[i] = Math.max(0, (d - distance[last]!) / dt)
    } else speed[i] = 0
    last = i
  }
  return speed
}

function clampSpeed(speed: Float32Array): boolean {
  let removed = false
  for (let i = 0; i < speed.length; i++) {
    if (speed[i]! > MAX_PLAUSIBLE_SPEED_MPS || speed[i]! < 0) {
      speed[i] = Number.NaN
      removed = true
    }
  }
  return removed
}

/**
 * A channel that never rises above `floor` was not really recorded: an indoor watch writes
 * distance 0 all session (NOTE: fit/python-fitparse__20170518-191602-1740899583.fit), and a GPX
 * without fixes gives no distance. Treating it as "standing still" would zero the moving time.
 */
function recorded(a: ArrayLike<number> | null, floor: number): boolean {
  if (a === null) return false
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!
    if (v < min) min = v
    if (v > max) max = v
  }
  return max - min > floor || max > floor
}

function anyFinite(a: ArrayLike<number> | null): boolean {
  if (a === null) return false
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) return true
  return false
}

export interface CleanOptions {
  /** Recompute distance from GPS, dropping jumps, even when the column has one (GPX). */
  readonly preferGps?: boolean
}

/** Cleans the columns of one session and says, in flags, what it removed. */
export function cleanSeries(columns: SampleColumns, options: CleanOptions = {}): CleanSeries {
  const flags: string[] = []
  const keep = keptIndices(columns.time_s)
  if (keep !== null) flags.push('backward_timestamps_removed')
  const f32 = (n: number): Float32Array => new Float32Array(n)
  const f64 = (n: number): Float64Array => new Float64Array(n)
  const time = pick(columns.time_s, keep, f64)!
  const hr = pick(columns.heart_rate_bpm, keep, f32)
  if (hr !== null && cleanHeartRate(hr, time)) flags.push('hr_spikes_removed')
  const lat = pick(columns.lat_deg, keep, f64)
  const lng = pick(columns.lng_deg, keep, f64)
  let distance = recorded(columns.distance_m, 1) ? pick(columns.distance_m, keep, f64) : null
  let speed = recorded(columns.speed_mps, 0.1) && options.preferGps !== true ? pick(columns.speed_mps, keep, f32) : null
  let hasGps = false
  if (lat !== null && lng !== null) {
    const gps = distanceFromGps(lat, lng, time)
    hasGps = gps.fixes >= 2 && gps.distance[lastFinite(gps.distance)]! > 0
    if (gps.jumps) flags.push('gps_jumps_removed')
    if (hasGps && (distance === null || options.preferGps === true)) distance = gps.distance
  }
  if (speed === null && distance !== null) speed = speedFromDistance(distance, time)
  if (speed !== null && clampSpeed(speed)) flags.push('speed_spikes_removed')
  return {
    time_s: time,
    hr: anyFinite(hr) ? hr : null,
    speed,
    distance,
    cadence: anyFinite(columns.cadence_rpm) ? pick(columns.cadence_rpm, keep, f32) : null,
    power: anyFinite(columns.power_w) ? pick(columns.power_w, keep, f32) : null,
    altitude: anyFinite(columns.altitude_m) ? pick(columns.altitude_m, keep, f32) : null,
    hasGps,
    flags,
  }
}

/** Index of the last finite value, or 0. */
export function lastFinite(a: ArrayLike<number>): number {
  for (let i = a.length - 1; i >= 0; i--) if (Number.isFinite(a[i]!)) return i
  return 0
}
