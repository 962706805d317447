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

/**
 * Splits the moving values into an easy and a hard group (1-D two-means) and returns the
 * threshold between them. Starts from the 25th and 90th percentiles.
 */
export function twoMeansThreshold(values: number[]): number | null {
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
  return threshold
}

/**
 * Candidate work bouts from the data alone: stretches of moving samples whose smoothed speed or
 * power stays above the easy/hard threshold. A standstill ends a stretch.
 */
export function detectCandidates(s: EffortSeries, signal: Float32Array, isPower: boolean): Span[] {
  const n = s.time_s.length
  const masked = new Float32Array(n)
  for (let i = 0; i < n; i++) masked[i] = s.moving[i] === 1 ? signal[i]! : Number.NaN
  const smooth = smoothByTime(masked, s.time_s, isPower ? POWER_SMOOTH_HALF_S : SPEED_SMOOTH_HALF_S)
  const values: number[] = []
  for (let i = 0; i < n; i++) if (s.moving[i] === 1 && Number.isFinite(smooth[i]!)) values.push(smooth[i]!)
  const threshold = twoMeansThreshold(values)
  if (threshold === null) return []
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
  return mergeClose(spans, s)
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
