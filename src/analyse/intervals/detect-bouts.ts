import { smoothByTime } from '../moving.js'
import type { EffortSeries, Span } from './bout-stats.js'

/**
 * A 10 s centred mean quiets GPS speed noise; power swings with every pedal stroke and gust, so
 * it gets 20 s. Both stay short enough for 20 s bouts.
 */
const SPEED_SMOOTH_HALF_S = 5
const POWER_SMOOTH_HALF_S = 10
/** Hard stretches closer than this are one effort: a real recovery lasts 20 s or more. */
const MIN_RECOVERY_S = 20
/** Dips shorter than this inside a hard stretch (a gust, a missed stroke) do not end it. */
const BRIDGE_S = 8
const TWO_MEANS_ROUNDS = 12

/** The two groups of a 1-D two-means split: their means and the threshold between them. */
export interface Split {
  readonly threshold: number
  readonly lo: number
  readonly hi: number
}

/**
 * Splits the moving values into an easy and a hard group (1-D two-means). Starts from the 25th
 * and 90th percentiles.
 */
export function twoMeansSplit(values: number[]): Split | null {
  if (values.length < 10) return null
  const sorted = [...values].sort((a, b) => a - b)
  let lo = sorted[Math.floor(sorted.length * 0.25)]!
  let hi = sorted[Math.floor(sorted.length * 0.9)]!
  if (hi <= lo) return null
  let threshold = (lo + hi) / 2
  for (let round = 0; round < TWO_MEANS_ROUNDS; round++) {
    let sumLo = 0
    let nLo = 0
    let sumHi = 0
    let nHi = 0
    for (const v of sorted) {
      if (v < threshold) {
        sumLo += v
        nLo++
      } else {
        sumHi += v
        nHi++
      }
    }
    if (nLo === 0 || nHi === 0) return null
    lo = sumLo / nLo
    hi = sumHi / nHi
    threshold = (lo + hi) / 2
  }
  return { threshold, lo, hi }
}

/** Candidate work bouts and what they were cut from. */
export interface Candidates {
  readonly spans: Span[]
  /** The smoothed signal at moving samples (NaN elsewhere). */
  readonly smooth: Float32Array
  /** The easy/hard threshold, or null when the bouts are the moving stretches between stops. */
  readonly threshold: number | null
}

/**
 * Moving samples that split into two groups this far apart show bouts by their speed or power.
 * Closer than this the split only cuts noise: every moving sample is one effort, and the only
 * candidates are the stretches between stops (3 × 250 m rowed at one pace, the boat stopped or
 * the recording off in between; NOTE: fit/rowingdata__3x250m.fit).
 */
const MOVING_CONTRAST = 1.2
/**
 * Values under half the moving median are no effort level: the last metres into a stop, GPS drift
 * while standing, coasting downhill at 0 W. Left in, they pull the split down to "stopped or not"
 * and a warm-up joins the first bout.
 */
const SPLIT_FLOOR = 0.5

/**
 * Candidate work bouts from the data alone: stretches of moving samples whose smoothed speed or
 * power stays above the easy/hard threshold. A standstill ends a stretch.
 */
export function detectCandidates(s: EffortSeries, signal: Float32Array, isPower: boolean): Candidates {
  const n = s.time_s.length
  const masked = new Float32Array(n)
  for (let i = 0; i < n; i++) masked[i] = s.moving[i] === 1 ? signal[i]! : Number.NaN
  const smooth = smoothByTime(masked, s.time_s, isPower ? POWER_SMOOTH_HALF_S : SPEED_SMOOTH_HALF_S)
  const values: number[] = []
  for (let i = 0; i < n; i++) {
    if (s.moving[i] === 1 && Number.isFinite(smooth[i]!)) values.push(smooth[i]!)
    else smooth[i] = Number.NaN
  }
  const sorted = [...values].sort((a, b) => a - b)
  const floor = SPLIT_FLOOR * (sorted[sorted.length >> 1] ?? 0)
  const effort = sorted.filter((v) => v >= floor)
  const split = twoMeansSplit(effort)
  if (split === null || split.hi < MOVING_CONTRAST * split.lo) return { spans: movingStretches(s), smooth, threshold: null }
  const threshold = split.threshold
  const spans: Span[] = []
  let from = -1
  let lastHigh = -1
  for (let i = 0; i <= n; i++) {
    const high = i < n && s.moving[i] === 1 && smooth[i]! >= threshold
    const stopped = i === n || s.moving[i] !== 1
    if (high) {
      if (from < 0) from = i
      lastHigh = i
      continue
    }
    if (from < 0) continue
    const dipped = s.time_s[Math.min(i, n - 1)]! - s.time_s[lastHigh]!
    if (stopped || dipped > BRIDGE_S) {
      spans.push(refine({ from, to: lastHigh + 1 }, s, masked, threshold))
      from = -1
    }
  }
  return { spans: mergeClose(spans, s), smooth, threshold }
}

/** The stretches of moving samples between standstills, pauses and gaps of MIN_RECOVERY_S or more. */
export function movingStretches(s: EffortSeries): Span[] {
  const spans: Span[] = []
  let from = -1
  for (let i = 0; i <= s.time_s.length; i++) {
    const moving = i < s.time_s.length && s.moving[i] === 1
    if (moving && from < 0) from = i
    if (moving || from < 0) continue
    const last = spans[spans.length - 1]
    if (last !== undefined && s.time_s[from]! - s.time_s[last.to]! < MIN_RECOVERY_S) spans[spans.length - 1] = { from: last.from, to: i }
    else spans.push({ from, to: i })
    from = -1
  }
  return spans
}

/** Moves a span's edges from the smoothed crossing to the raw one (smoothing blurs them). */
function refine(span: Span, s: EffortSeries, raw: Float32Array, threshold: number): Span {
  const high = (i: number): boolean => s.moving[i] === 1 && raw[i]! >= threshold
  const reach = SPEED_SMOOTH_HALF_S
  let { from, to } = span
  const t0 = s.time_s[from]!
  while (from > 0 && t0 - s.time_s[from - 1]! <= reach && high(from - 1)) from--
  while (from < to - 1 && !high(from)) from++
  const t1 = s.time_s[to - 1]!
  while (to < raw.length && s.time_s[to]! - t1 <= reach && high(to)) to++
  while (to > from + 1 && !high(to - 1)) to--
  return { from, to }
}

/** Joins moving stretches separated by less than MIN_RECOVERY_S of moving time. */
function mergeClose(spans: readonly Span[], s: EffortSeries): Span[] {
  const merged: Span[] = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last !== undefined && s.time_s[span.from]! - s.time_s[last.to - 1]! < MIN_RECOVERY_S && allMoving(s, last.to, span.from)) {
      merged[merged.length - 1] = { from: last.from, to: span.to }
    } else merged.push(span)
  }
  return merged
}

function allMoving(s: EffortSeries, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.moving[i] !== 1) return false
  return true
}
