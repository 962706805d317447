import type { Lap } from '../../model.js'
import type { Span } from './bout-stats.js'

const WORK = new Set(['active', 'interval'])
const EASY = new Set(['rest', 'recovery', 'warmup', 'cooldown'])

/**
 * REGIMEN.md, Interval sessions: structured laps (FIT lap `intensity` active/rest) are the
 * strongest evidence. Laps are structured when the file marks some as easy (rest, recovery,
 * warm-up, cool-down) beside work laps; a file whose every lap is `active` (auto-lap every km)
 * says nothing.
 */
export function isStructured(laps: readonly Lap[]): boolean {
  let work = 0
  let easy = 0
  for (const lap of laps) {
    if (lap.intensity === null) continue
    if (WORK.has(lap.intensity)) work++
    else if (EASY.has(lap.intensity)) easy++
  }
  return easy > 0 && work > 0
}

/** The sample span [from, to) of each lap that is marked as work. */
export function workLapSpans(laps: readonly Lap[], time: Float64Array): Span[] {
  const spans: Span[] = []
  for (const lap of laps) {
    if (lap.intensity === null || !WORK.has(lap.intensity)) continue
    const from = lowerBound(time, lap.start_s)
    const to = lowerBound(time, lap.start_s + lap.elapsed_s)
    if (to > from) spans.push({ from, to })
  }
  return spans.sort((a, b) => a.from - b.from)
}

/** First index whose time is at or after t. */
export function lowerBound(time: Float64Array, t: number): number {
  let lo = 0
  let hi = time.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (time[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
