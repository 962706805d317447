import { easyMedian, peakHrThrough, spanDuration, spanEnd, spanMean, type EffortSeries, type Span } from './bout-stats.js'

/** REGIMEN.md, Interval sessions: a work bout lasts 20 s to 10 min. */
export const MIN_BOUT_S = 20
export const MAX_BOUT_S = 600
/** Hard in itself: at least 1.2 × the easy moving pace, or HR in zone 4 by the end or 30 s after. */
export const HARD_PACE_RATIO = 1.2
export const HR_LAG_S = 30
/**
 * "Clearly harder than the recoveries on either side": as far above the recovery's moving mean
 * as a bout is above easy pace. A recovery that is mostly standstill is easier by definition.
 */
const CLEARLY_HARDER_RATIO = 1.2
const STANDSTILL_SHARE = 0.5
/** Only the part of a long recovery next to the bout is compared with it. */
const RECOVERY_WINDOW_S = 180
/**
 * Speed is not effort (a descent is fast and easy): with a heart rate, a bout judged on speed must
 * also lift HR (by its end or 30 s after) 5 bpm over the recovery before it.
 */
const HR_RISE_BPM = 5
/**
 * A rest at the wall or a red light is short beside the effort around it; a recovery of work:rest
 * training is at least half as long as its bout. Below that, standing still is a pause, not a
 * recovery (REGIMEN.md: a steady effort broken only by pauses is not intervals).
 */
const REST_TO_WORK = 0.5

interface Recovery {
  readonly seconds: number
  readonly standstill: boolean
  readonly signal: number | null
  readonly hr: number | null
}

function lowerBoundTime(time: Float64Array, t: number, from: number, to: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (time[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The recovery on the clock between t0 and t1, samples [from, to). */
function recoveryOf(s: EffortSeries, signal: Float32Array | null, t0: number, t1: number, from: number, to: number): Recovery | null {
  const seconds = t1 - t0
  if (seconds <= 0) return null
  let moving = 0
  for (let i = from; i < to; i++) if (s.moving[i] === 1) moving += s.weight_s[i]!
  const hr = spanMean(s.hr, s, { from, to }, false)
  if (moving / seconds < STANDSTILL_SHARE) return { seconds, standstill: true, signal: null, hr }
  return { seconds, standstill: false, signal: spanMean(signal, s, { from, to }, true), hr }
}

function recoveriesAround(s: EffortSeries, signal: Float32Array | null, spans: readonly Span[], k: number): Recovery[] {
  const span = spans[k]!
  const time = s.time_s
  const start = time[span.from]!
  const end = spanEnd(s, span)
  const prevEnd = k > 0 ? spanEnd(s, spans[k - 1]!) : time[0]!
  const nextStart = k + 1 < spans.length ? time[spans[k + 1]!.from]! : time[time.length - 1]!
  const t0 = Math.max(prevEnd, start - RECOVERY_WINDOW_S)
  const t1 = Math.min(nextStart, end + RECOVERY_WINDOW_S)
  const before = recoveryOf(s, signal, t0, start, lowerBoundTime(time, t0, 0, span.from), span.from)
  const after = recoveryOf(s, signal, end, t1, span.to, lowerBoundTime(time, t1, span.to, time.length))
  return [before, after].filter((r): r is Recovery => r !== null)
}

/**
 * Keeps the candidate spans that are work bouts by REGIMEN.md's definition. `signal` is speed or
 * power (null when the file has neither; then only heart rate can show hardness).
 */
export function judgeBouts(
  candidates: readonly Span[],
  s: EffortSeries,
  signal: Float32Array | null,
  zone4Bpm: number,
  signalIsSpeed: boolean,
): Span[] {
  const sized = candidates.filter((c) => {
    const d = spanDuration(s, c)
    return d >= MIN_BOUT_S && d <= MAX_BOUT_S
  })
  const easy = signal === null ? null : easyMedian(signal, s, sized)
  return sized.filter((span, k) => {
    const recoveries = recoveriesAround(s, signal, sized, k)
    if (recoveries.length === 0) return false
    const duration = spanDuration(s, span)
    const boutSignal = spanMean(signal, s, span, true)
    const harder = recoveries.every((r) => {
      if (r.standstill) return true
      if (boutSignal === null || r.signal === null) return signal === null
      return boutSignal >= CLEARLY_HARDER_RATIO * r.signal
    })
    if (!harder) return false
    const peak = peakHrThrough(s, span, HR_LAG_S)
    const before = recoveries[0]!.hr
    const effortShown = !signalIsSpeed || peak === null || before === null || peak >= before + HR_RISE_BPM
    const fast = easy !== null && boutSignal !== null && boutSignal >= HARD_PACE_RATIO * easy
    if (fast) return effortShown
    // Heart rate shows hardness only beside easier movement or a real rest, never beside pauses
    // short against the effort (a pool set at the wall, traffic lights).
    const hardHr = peak !== null && peak >= zone4Bpm
    const restful = recoveries.every((r) => !r.standstill || r.seconds >= REST_TO_WORK * duration)
    return hardHr && restful && (signal === null || recoveries.some((r) => !r.standstill) || isFinalOrOnlyRest(recoveries))
  })
}

/** A bout beside nothing but real rests (3 × 250 m with the boat stopped between). */
function isFinalOrOnlyRest(recoveries: readonly Recovery[]): boolean {
  return recoveries.every((r) => r.standstill)
}
