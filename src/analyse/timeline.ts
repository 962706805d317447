import type { Pause, SessionTotals } from '../model.js'

/**
 * How long each sample counts while the timer runs. A sample holds until the next one
 * (devices average per second, so a value stands for the time until it changes), except across
 * a timer pause or a gap in the recording, where the timer is taken to be stopped.
 */
export interface Timeline {
  readonly weight_s: Float64Array // seconds each sample stands for while the timer runs
  /**
   * Seconds of a recording gap after each sample that the device's timer counted (0 elsewhere).
   * Kept apart from weight_s: nothing was recorded there, so only heart rate, which a device
   * averages over the whole timer time, bridges it.
   */
  readonly gap_s: Float64Array
  readonly elapsed_s: number
  readonly timer_s: number
  /** Timer time the device counted but the (truncated) file holds no samples for. */
  readonly unrecorded_s: number
  readonly flags: readonly string[]
}

/** REGIMEN.md, Time: gaps in the recording are pauses. Smart recording writes a sample every 1–10 s. */
export const MIN_GAP_S = 30
/** A gap is also anything much longer than the file's usual sampling step (sparse GPX swims). */
const GAP_STEP_FACTOR = 5
/**
 * Gaps are timer time when the device's timer total covers at least this share of them: smart
 * recording and a lost sensor leave gaps while the timer runs. NOTE:
 * fit/python-fitparse__2013-02-06-12-11-14.fit (a 52 s gap, timer = elapsed) and
 * tcx/tcxparser__sup_activity_1.tcx (330 s of gaps, lap times sum to the elapsed time).
 */
const GAPS_COUNTED_SHARE = 0.9
const TOTAL_ROUNDING_S = 1
/** A device total within this band around the sample span is trusted; outside it is bogus. */
const ELAPSED_TRUST_LOW = 0.5
const ELAPSED_TRUST_HIGH = 1.5
const ELAPSED_TRUST_SLACK_S = 600
const MAX_SESSION_S = 7 * 86_400

/** Median of the positive steps between samples, 1 s when there are none. */
export function medianStep(time: Float64Array): number {
  const steps: number[] = []
  const stride = Math.max(1, Math.floor(time.length / 2000)) // PERF: a sample of steps is enough
  for (let i = stride; i < time.length; i += stride) {
    const dt = time[i]! - time[i - 1]!
    if (dt > 0) steps.push(dt)
  }
  if (steps.length === 0) return 1
  steps.sort((a, b) => a - b)
  return steps[steps.length >> 1]!
}

export function gapThreshold(time: Float64Array): number {
  return Math.max(MIN_GAP_S, GAP_STEP_FACTOR * medianStep(time))
}

function inPause(t: number, pauses: readonly Pause[], from: number): number {
  let k = from
  while (k < pauses.length && pauses[k]!.end_s <= t) k++
  return k
}

/** Seconds of [from, to) inside the sorted pauses, starting the search at pause k. */
function pausedWithin(from: number, to: number, pauses: readonly Pause[], k: number): number {
  let paused = 0
  for (let j = k; j < pauses.length && pauses[j]!.start_s < to; j++) {
    paused += Math.max(0, Math.min(to, pauses[j]!.end_s) - Math.max(from, pauses[j]!.start_s))
  }
  return paused
}

/**
 * A device total that agrees with the samples, or null when it is missing or bogus. It may not
 * exceed the sample end by much, nor be under half the recorded (gap-free) time. A truncated file
 * lost samples, so its total may run past the last sample.
 */
function saneTotal(total: number | null, end: number, recorded: number, truncated: boolean): number | null {
  if (total === null || !Number.isFinite(total) || total <= 0 || total > MAX_SESSION_S) return null
  if (end <= 0) return total
  if (truncated && total >= end) return total
  if (total > end * ELAPSED_TRUST_HIGH + ELAPSED_TRUST_SLACK_S) return null
  if (total < recorded * ELAPSED_TRUST_LOW) return null
  return total
}

/** Builds the timeline of a session from its sample times, its timer pauses and its totals. */
export function buildTimeline(time: Float64Array, pauses: readonly Pause[], totals: SessionTotals, truncated = false): Timeline {
  const flags: string[] = []
  const n = time.length
  const weight = new Float64Array(n)
  const gapWeight = new Float64Array(n)
  const gap = gapThreshold(time)
  const sorted = [...pauses].sort((a, b) => a.start_s - b.start_s)
  let k = 0
  let timer = 0
  let recorded = 0
  let gaps = false
  for (let i = 0; i + 1 < n; i++) {
    const t = time[i]!
    const dt = time[i + 1]! - t
    k = inPause(t, sorted, k)
    // Only the part of the step outside timer pauses counts.
    const w = Math.max(0, dt - pausedWithin(t, t + dt, sorted, k))
    if (dt > gap) {
      gaps = true
      gapWeight[i] = w
      continue
    }
    recorded += dt
    weight[i] = w
    timer += w
  }
  if (gaps) flags.push('recording_gaps')
  // The session starts at start_ms, which may precede the first sample by a few seconds.
  const end = n >= 1 ? Math.max(time[n - 1]! - time[0]!, time[n - 1]!) : 0
  const deviceElapsed = saneTotal(totals.elapsed_s, end, recorded, truncated)
  if (totals.elapsed_s !== null && totals.elapsed_s > 0 && deviceElapsed === null) flags.push('bogus_elapsed_time')
  const elapsed = deviceElapsed ?? end
  const deviceTimer = saneTotal(totals.timer_s, end, recorded, truncated)
  if (n < 2) timer = deviceTimer ?? elapsed
  const gapTotal = gapWeight.reduce((sum, w) => sum + w, 0)
  const gapsCounted =
    gapTotal > 0 && !truncated && deviceTimer !== null && timer + GAPS_COUNTED_SHARE * gapTotal <= deviceTimer + TOTAL_ROUNDING_S
  if (gapsCounted) timer += gapTotal
  else gapWeight.fill(0)
  const unrecorded = n >= 2 && truncated && deviceTimer !== null && deviceTimer > timer ? Math.min(deviceTimer, elapsed) - timer : 0
  timer = Math.min(timer + unrecorded, elapsed)
  return { weight_s: weight, gap_s: gapWeight, elapsed_s: elapsed, timer_s: timer, unrecorded_s: unrecorded, flags }
}
