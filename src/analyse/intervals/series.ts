import { spanDuration, spanMean, type EffortSeries, type Span } from './bout-stats.js'

/**
 * Interval training repeats its bouts: "hard for 30 seconds to a few minutes, then 1–2 minutes
 * easy, repeated" (REGIMEN.md). Bouts belong to a set when they follow each other with
 * recoveries of at most 5 minutes and resemble every other bout of the set: durations within 2×
 * and intensity within 15 % (a prescribed rep is repeated at one pace). The surges of a ride (a
 * hill, a sprint for a light) vary too much to form a set.
 */
const MAX_RECOVERY_S = 5 * 60
const DURATION_RATIO = 2
const INTENSITY_RATIO = 1.15

interface Measured {
  readonly span: Span
  readonly duration: number
  readonly level: number | null
}

function alike(a: Measured, b: Measured): boolean {
  const d = Math.max(a.duration, b.duration) / Math.max(1, Math.min(a.duration, b.duration))
  if (d > DURATION_RATIO) return false
  if (a.level === null || b.level === null || a.level <= 0 || b.level <= 0) return true
  return Math.max(a.level, b.level) / Math.min(a.level, b.level) <= INTENSITY_RATIO
}

/** The bouts that form sets of at least `minBouts`, in time order. */
export function keepSets(bouts: readonly Span[], s: EffortSeries, signal: Float32Array | null, minBouts: number): Span[] {
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
    if (last !== undefined && (gap > MAX_RECOVERY_S || !run.every((r) => alike(r, m)))) flush()
    run.push(m)
  }
  flush()
  return kept
}
