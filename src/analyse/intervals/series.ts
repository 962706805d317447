import { spanDuration, spanMean, type EffortSeries, type Span } from './bout-stats.js'

/**
 * Interval training repeats its bouts: "hard for 30 seconds to a few minutes, then 1–2 minutes
 * easy, repeated" (REGIMEN.md). Bouts belong to a set when they follow each other with
 * recoveries of at most 5 minutes and resemble the set's typical bout: duration within 2× and
 * intensity within 15 % of its median (a prescribed rep is repeated at one pace). The surges of
 * a ride (a hill, a sprint for a light) vary too much to form a set.
 */
const MAX_RECOVERY_S = 5 * 60
const DURATION_RATIO = 2
const INTENSITY_RATIO = 1.15
/**
 * Power varies more than pace (it goes with the cube of speed on the flat) and sprints fade: the
 * first of 8 × 30 s may hold 900 W, the last 700 W.
 */
const POWER_INTENSITY_RATIO = 1.35

interface Measured {
  readonly span: Span
  readonly duration: number
  readonly level: number | null
}

function alike(a: Measured, b: Measured, ratio: number): boolean {
  const d = Math.max(a.duration, b.duration) / Math.max(1, Math.min(a.duration, b.duration))
  if (d > DURATION_RATIO) return false
  if (a.level === null || b.level === null || a.level <= 0 || b.level <= 0) return true
  return Math.max(a.level, b.level) / Math.min(a.level, b.level) <= ratio
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * The set's typical bout: median duration and level. A new bout is compared with it, not with
 * every bout so far, so a set may fade (sprint 1 at 530 W, sprint 3 at 390 W) without breaking.
 */
function typicalOf(run: readonly Measured[]): Measured {
  const levels = run.map((r) => r.level).filter((l): l is number => l !== null)
  return { span: run[0]!.span, duration: median(run.map((r) => r.duration)), level: levels.length > 0 ? median(levels) : null }
}

/** The bouts that form sets of at least `minBouts`, in time order. */
export function keepSets(bouts: readonly Span[], s: EffortSeries, signal: Float32Array | null, minBouts: number): Span[] {
  const ratio = signal !== null && signal === s.power ? POWER_INTENSITY_RATIO : INTENSITY_RATIO
  const measured: Measured[] = bouts.map((span) => ({ span, duration: spanDuration(s, span), level: spanMean(signal, s, span, true) }))
  const kept: Span[] = []
  let run: Measured[] = []
  const flush = (): void => {
    if (run.length >= minBouts) kept.push(...run.map((m) => m.span))
    run = []
  }
  for (const m of measured) {
    const last = run[run.length - 1]
    const gap = last === undefined ? 0 : s.time_s[m.span.from]! - s.time_s[Math.min(last.span.to, s.time_s.length - 1)]!
    if (last !== undefined && (gap > MAX_RECOVERY_S || !alike(typicalOf(run), m, ratio))) flush()
    run.push(m)
  }
  flush()
  return kept
}
