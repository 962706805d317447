import { easyMedian, hrRise, peakHrThrough, spanDuration, spanEnd, spanMean, type EffortSeries, type Span } from './bout-stats.js'

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
 * Speed is not effort (a descent is fast and easy), and heart rate lags: with a heart rate, every
 * bout must lift it, by its end or 30 s after, 8 bpm above the 30 s before it (hrRise). On a
 * descent, and in a cool-down lap right after a bout, HR falls; a 30 s sprint lifts it 15+ bpm.
 */
const HR_RISE_BPM = 8
/**
 * Power is not a bout when the rider is slower than in the recoveries: that is a climb, and hills
 * on a steady ride are not a structured set (the descents are not recoveries).
 */
const CLIMB_SPEED_RATIO = 0.9
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
  readonly speed: number | null
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
  if (moving / seconds < STANDSTILL_SHARE) return { seconds, standstill: true, signal: null, speed: null }
  return { seconds, standstill: false, signal: spanMean(signal, s, { from, to }, true), speed: spanMean(s.speed, s, { from, to }, true) }
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

/** What a bout is judged against. */
export interface JudgeContext {
  /** Speed or power; null when the file has neither (then only heart rate can show hardness). */
  readonly signal: Float32Array | null
  readonly signalIsSpeed: boolean
  readonly zone4Bpm: number
}

/**
 * Keeps the candidate spans that are work bouts by REGIMEN.md's definition. Easy pace is the
 * median outside `easySpans` (the bouts found so far; the candidates themselves at first).
 */
export function judgeBouts(candidates: readonly Span[], s: EffortSeries, ctx: JudgeContext, easySpans?: readonly Span[]): Span[] {
  const { signal, zone4Bpm } = ctx
  const sized = candidates.filter((c) => {
    const d = spanDuration(s, c)
    return d >= MIN_BOUT_S && d <= MAX_BOUT_S
  })
  const easy = signal === null ? null : easyMedian(signal, s, easySpans ?? sized)
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
    if (!ctx.signalIsSpeed && isClimb(s, span, recoveries)) return false
    const peak = peakHrThrough(s, span, HR_LAG_S)
    const rise = hrRise(s, span)
    const effortShown = rise === null || rise >= HR_RISE_BPM
    const fast = easy !== null && boutSignal !== null && boutSignal >= HARD_PACE_RATIO * easy
    if (fast) return effortShown
    // Heart rate shows hardness only beside easier movement or a real rest, never beside pauses
    // short against the effort (a pool set at the wall, traffic lights).
    const hardHr = peak !== null && peak >= zone4Bpm
    const restful = recoveries.every((r) => !r.standstill || r.seconds >= REST_TO_WORK * duration)
    return hardHr && effortShown && restful && (signal === null || recoveries.some((r) => !r.standstill) || isFinalOrOnlyRest(recoveries))
  })
}

/** A power bout ridden slower than a moving recovery beside it. */
function isClimb(s: EffortSeries, span: Span, recoveries: readonly Recovery[]): boolean {
  const speed = spanMean(s.speed, s, span, true)
  return speed !== null && recoveries.some((r) => r.speed !== null && speed < CLIMB_SPEED_RATIO * r.speed)
}

/** A bout beside nothing but real rests (3 × 250 m with the boat stopped between). */
function isFinalOrOnlyRest(recoveries: readonly Recovery[]): boolean {
  return recoveries.every((r) => r.standstill)
}
