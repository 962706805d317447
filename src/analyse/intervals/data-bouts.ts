import { smoothByTime } from '../moving.js'
import { peakHrThrough, spanEnd, type EffortSeries, type Span } from './bout-stats.js'
import { detectCandidates, type Candidates } from './detect-bouts.js'
import { HR_LAG_S, judgeBouts, type JudgeContext } from './judge-bouts.js'
import { keepSets } from './series.js'

/**
 * REGIMEN.md defines easy pace as the median of the moving samples outside the bouts. The bouts
 * are what we are looking for, so the judgement is repeated with easy pace measured outside the
 * bouts kept so far until it settles (a ride's surges no longer hide the ride's own pace).
 */
const EASY_ROUNDS = 4
/**
 * A structured set is the session's hard work, not a few of its surges: at least half of the
 * moving time spent above the easy/hard threshold lies in the bouts kept. A hilly ride is hard on
 * every climb and only a few climbs line up by chance (NOTE: fit/sports-lib__614953343.fit, 3
 * surges in 7 h; fit/python-fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit).
 */
const MIN_HARD_SHARE = 0.5
/**
 * Work raises heart rate and a recovery lets it fall: the median bout's peak (by its end or 30 s
 * after) stands at least 6 bpm above the lowest (10 s mean) heart rate before the next bout
 * starts. A descent, a steady climb or a tempo effort with short eases keeps HR up.
 */
const HR_DROP_BPM = 6
const HR_SMOOTH_HALF_S = 5
/** How long after the last bout its recovery is looked at (the cool-down). */
const LAST_RECOVERY_S = 180
/** The next bout's first seconds still show the recovery's low (HR lags the new effort). */
const NEXT_START_S = 10

const sameSpans = (a: readonly Span[], b: readonly Span[]): boolean =>
  a.length === b.length && a.every((x, i) => x.from === b[i]!.from && x.to === b[i]!.to)

/** Work bouts found in the speed or power trace alone (no laps), or [] when no set holds. */
export function boutsFromData(s: EffortSeries, signal: Float32Array, ctx: JudgeContext, minBouts: number): Span[] {
  const candidates = detectCandidates(s, signal, !ctx.signalIsSpeed)
  let kept = keepSets(judgeBouts(candidates.spans, s, ctx), s, signal, minBouts)
  for (let round = 0; round < EASY_ROUNDS && kept.length >= minBouts; round++) {
    const next = keepSets(judgeBouts(candidates.spans, s, ctx, kept), s, signal, minBouts)
    const settled = sameSpans(next, kept)
    kept = next
    if (settled) break
  }
  if (kept.length < minBouts) return []
  if (candidates.threshold !== null && hardShare(kept, s, candidates) < MIN_HARD_SHARE) return []
  if (!heartRateRecovers(kept, s)) return []
  return kept
}

/** Share of the moving time above the easy/hard threshold that lies inside the bouts. */
export function hardShare(bouts: readonly Span[], s: EffortSeries, candidates: Candidates): number {
  const threshold = candidates.threshold ?? -Infinity
  let total = 0
  let inside = 0
  let k = 0
  for (let i = 0; i < s.time_s.length; i++) {
    if (!(candidates.smooth[i]! >= threshold)) continue
    const w = s.weight_s[i]!
    total += w
    while (k < bouts.length && bouts[k]!.to <= i) k++
    if (k < bouts.length && bouts[k]!.from <= i) inside += w
  }
  return total > 0 ? inside / total : 0
}

/**
 * Whether heart rate falls after the median bout (true when too few bouts have a heart rate to
 * tell: the data cannot confirm or refute).
 */
export function heartRateRecovers(bouts: readonly Span[], s: EffortSeries): boolean {
  if (s.hr === null) return true
  const hr = smoothByTime(s.hr, s.time_s, HR_SMOOTH_HALF_S)
  const drops: number[] = []
  bouts.forEach((bout, k) => {
    const peak = peakHrThrough(s, bout, HR_LAG_S)
    if (peak === null) return
    const end = spanEnd(s, bout)
    const next = bouts[k + 1]
    const until = next === undefined ? end + LAST_RECOVERY_S : s.time_s[next.from]! + NEXT_START_S
    let low = Infinity
    for (let i = bout.to; i < s.time_s.length && s.time_s[i]! <= until; i++) if (hr[i]! < low) low = hr[i]!
    if (Number.isFinite(low)) drops.push(peak - low)
  })
  if (drops.length * 2 < bouts.length) return true
  drops.sort((a, b) => a - b)
  return drops[drops.length >> 1]! >= HR_DROP_BPM
}
