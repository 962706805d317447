import type { WorkBout } from '../../model.js'

/** A stretch of the session, by sample index [from, to). */
export interface Span {
  readonly from: number
  readonly to: number
}

/** Series an interval judgement reads; all the same length. */
export interface EffortSeries {
  readonly time_s: Float64Array
  readonly weight_s: Float64Array
  readonly moving: Uint8Array
  readonly hr: Float32Array | null
  readonly speed: Float32Array | null
  readonly power: Float32Array | null
}

/** Time-weighted mean of the finite values of `values` in a span (moving samples only if asked). */
export function spanMean(values: Float32Array | null, s: EffortSeries, span: Span, movingOnly: boolean): number | null {
  if (values === null) return null
  let sum = 0
  let seconds = 0
  for (let i = span.from; i < span.to; i++) {
    const v = values[i]!
    const w = s.weight_s[i]!
    if (Number.isNaN(v) || w <= 0 || (movingOnly && s.moving[i] !== 1)) continue
    sum += v * w
    seconds += w
  }
  return seconds > 0 ? sum / seconds : null
}

/** When a span ends: at the next sample, unless the timer stopped after its last one (a gap). */
export function spanEnd(s: EffortSeries, span: Span): number {
  const last = span.to - 1
  return span.to < s.time_s.length && s.weight_s[last]! > 0 ? s.time_s[span.to]! : s.time_s[last]!
}

/** Duration of a span on the clock. */
export function spanDuration(s: EffortSeries, span: Span): number {
  return spanEnd(s, span) - s.time_s[span.from]!
}

/** Highest heart rate from the span's start until `afterS` seconds past its end. */
export function peakHrThrough(s: EffortSeries, span: Span, afterS: number): number | null {
  if (s.hr === null) return null
  const limit = s.time_s[Math.max(span.from, span.to - 1)]! + afterS
  let peak = -Infinity
  for (let i = span.from; i < s.time_s.length && s.time_s[i]! <= limit; i++) {
    const v = s.hr[i]!
    if (v > peak) peak = v
  }
  return Number.isFinite(peak) ? peak : null
}

/** Mean heart rate over the samples whose time lies in [t0, t1], or null without any. */
function hrMeanBetween(s: EffortSeries, t0: number, t1: number): number | null {
  if (s.hr === null) return null
  let sum = 0
  let n = 0
  for (let i = 0; i < s.time_s.length && s.time_s[i]! <= t1; i++) {
    const v = s.hr[i]!
    if (s.time_s[i]! < t0 || Number.isNaN(v)) continue
    sum += v
    n++
  }
  return n > 0 ? sum / n : null
}

/**
 * How far a bout lifts heart rate: the highest 10 s mean from its last half (at most 30 s) to
 * 30 s after it, less the mean of the 30 s before it (its first 10 s at the session start).
 * Negative on a descent, where HR falls from the climb before it.
 */
export function hrRise(s: EffortSeries, span: Span): number | null {
  if (s.hr === null) return null
  const start = s.time_s[span.from]!
  const end = spanEnd(s, span)
  const before = hrMeanBetween(s, start - 30, start - 1) ?? hrMeanBetween(s, start, start + 10)
  if (before === null) return null
  let peak = -Infinity
  for (let t = end - Math.min(30, (end - start) / 2); t <= end + 30; t += 5) {
    const m = hrMeanBetween(s, t - 5, t + 5)
    if (m !== null && m > peak) peak = m
  }
  return Number.isFinite(peak) ? peak - before : null
}

const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10)
const round2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100)

/** The reported bout (REGIMEN.md, Interval sessions: start offset, duration, HR, speed, power). */
export function describeBout(s: EffortSeries, span: Span): WorkBout {
  return {
    start_s: Math.round(s.time_s[span.from]! * 10) / 10,
    duration_s: Math.round(spanDuration(s, span) * 10) / 10,
    avg_hr: round1(spanMean(s.hr, s, span, false)),
    avg_speed_mps: round2(spanMean(s.speed, s, span, false)),
    avg_power_w: round1(spanMean(s.power, s, span, false)),
  }
}

/**
 * Easy pace needs easy movement to measure: at least a minute and a tenth of the moving time
 * outside the bouts. A run that only stops at lights has none (its moving edges are
 * accelerations, not an easy pace).
 */
const MIN_EASY_S = 60
const MIN_EASY_SHARE = 0.1

/** Median of the finite values at moving samples outside every span, or null with too few. */
export function easyMedian(values: Float32Array, s: EffortSeries, spans: readonly Span[]): number | null {
  const outside: number[] = []
  let outsideS = 0
  let movingS = 0
  for (let i = 0; i < values.length; i++) if (s.moving[i] === 1) movingS += s.weight_s[i]!
  let k = 0
  for (let i = 0; i < values.length; i++) {
    while (k < spans.length && spans[k]!.to <= i) k++
    const inside = k < spans.length && spans[k]!.from <= i
    const v = values[i]!
    if (inside || s.moving[i] !== 1 || Number.isNaN(v)) continue
    outside.push(v)
    outsideS += s.weight_s[i]!
  }
  if (outside.length === 0 || outsideS < Math.max(MIN_EASY_S, MIN_EASY_SHARE * movingS)) return null
  outside.sort((a, b) => a - b)
  return outside[outside.length >> 1]!
}
