import type { Lap, Sport, WorkBout } from '../../model.js'
import { describeBout, type EffortSeries, type Span } from './bout-stats.js'
import { boutsFromData } from './data-bouts.js'
import { keepSets } from './series.js'
import { judgeBouts } from './judge-bouts.js'
import { isStructured, workLapSpans } from './lap-bouts.js'

/** REGIMEN.md, Interval sessions: at least 3 work bouts. */
export const MIN_BOUTS = 3
/** Power drives the judgement when most moving samples carry it (a power meter beats GPS speed). */
const POWER_SHARE = 0.5

export interface IntervalInputs {
  readonly series: EffortSeries
  readonly laps: readonly Lap[]
  readonly sport: Sport
  readonly declaredSubSport: string | null
  readonly zone4Bpm: number
}

export interface IntervalResult {
  readonly intervals: boolean
  readonly work_bouts: WorkBout[]
  readonly evidence: 'declared' | 'laps' | 'data' | 'none'
}

/** Power when the file records it for most of the moving time, else speed, else nothing. */
export function effortSignal(s: EffortSeries): Float32Array | null {
  if (s.power !== null) {
    let moving = 0
    let powered = 0
    for (let i = 0; i < s.power.length; i++) {
      if (s.moving[i] !== 1) continue
      moving++
      if (s.power[i]! > 0) powered++
    }
    if (moving > 0 && powered / moving >= POWER_SHARE) return s.power
  }
  return s.speed
}

/** Whether a session is intervals, and its work bouts. */
export function detectIntervals({ series, laps, sport, declaredSubSport, zone4Bpm }: IntervalInputs): IntervalResult {
  const declared = declaredSubSport === 'hiit'
  const signal = effortSignal(series)
  let bouts: Span[] = []
  let evidence: IntervalResult['evidence'] = 'none'
  // REGIMEN.md: strength sets are not work bouts.
  if (sport !== 'strength' || declared) {
    const ctx = { signal, signalIsSpeed: signal !== null && signal === series.speed, zone4Bpm }
    if (isStructured(laps)) {
      // A TCX lap is only active or rest: its warm-up and cool-down laps read as work. Work laps
      // too form a set of alike bouts, so a cool-down lap after the last rep is not one.
      bouts = keepSets(judgeBouts(workLapSpans(laps, series.time_s), series, ctx), series, signal, MIN_BOUTS)
      if (bouts.length >= MIN_BOUTS) evidence = 'laps'
    }
    if (evidence === 'none' && signal !== null) {
      bouts = boutsFromData(series, signal, ctx, MIN_BOUTS)
      if (bouts.length >= MIN_BOUTS) evidence = 'data'
    }
  }
  // The FIT sub-sport `hiit` declares intervals outright, whatever the data shows.
  if (declared) evidence = 'declared'
  const intervals = evidence !== 'none'
  return { intervals, work_bouts: intervals ? bouts.map((b) => describeBout(series, b)) : [], evidence }
}
