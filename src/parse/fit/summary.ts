/** FIT session, lap, length and timer-event messages as the model's totals, laps, lengths, pauses. */
import type { Lap, LapIntensity, Pause, PoolLength, SessionTotals } from '../../model.js'
import { NO_TOTALS, finiteOrNull } from '../totals.js'
import type { FitEvent, FitLap, FitLength, FitSession } from './read.js'
import { msOf } from './records.js'

const INTENSITIES = new Set<LapIntensity>(['active', 'rest', 'warmup', 'cooldown', 'recovery', 'interval'])
const TIMER_STOPS = new Set(['stop', 'stop_all', 'stop_disable', 'stop_disable_all'])

/** The session's own figures, unchecked: a bogus 27-day elapsed time is for analysis to judge. */
export function totalsOf(session: FitSession | null): SessionTotals {
  if (session === null) return NO_TOTALS
  return {
    elapsed_s: finiteOrNull(session.total_elapsed_time),
    timer_s: finiteOrNull(session.total_timer_time),
    distance_m: finiteOrNull(session.total_distance),
    calories_kcal: finiteOrNull(session.total_calories),
    avg_hr_bpm: finiteOrNull(session.avg_heart_rate),
    max_hr_bpm: finiteOrNull(session.max_heart_rate),
    pool_length_m: finiteOrNull(session.pool_length),
    num_lengths: finiteOrNull(session.num_lengths),
  }
}

/** Start of a session, lap or length: start_time, else its end timestamp less its elapsed time. */
export function startMsOf(message: { start_time?: Date; timestamp?: Date; total_elapsed_time?: number }): number {
  const start = msOf(message.start_time)
  if (!Number.isNaN(start)) return start
  const end = msOf(message.timestamp)
  const elapsed = message.total_elapsed_time
  return typeof elapsed === 'number' && Number.isFinite(elapsed) ? end - elapsed * 1000 : Number.NaN
}

export function lapOf(lap: FitLap, startMs: number): Lap {
  const intensity = lap.intensity as LapIntensity
  const lapStart = startMsOf(lap)
  return {
    start_s: Number.isNaN(lapStart) ? 0 : (lapStart - startMs) / 1000,
    elapsed_s: finiteOrNull(lap.total_elapsed_time) ?? 0,
    timer_s: finiteOrNull(lap.total_timer_time),
    distance_m: finiteOrNull(lap.total_distance),
    intensity: INTENSITIES.has(intensity) ? intensity : null,
    calories_kcal: finiteOrNull(lap.total_calories),
    avg_hr_bpm: finiteOrNull(lap.avg_heart_rate),
    max_hr_bpm: finiteOrNull(lap.max_heart_rate),
  }
}

export function lengthOf(length: FitLength, startMs: number): PoolLength {
  const lengthStart = startMsOf(length)
  return {
    start_s: Number.isNaN(lengthStart) ? 0 : (lengthStart - startMs) / 1000,
    elapsed_s: finiteOrNull(length.total_elapsed_time) ?? 0,
    strokes: finiteOrNull(length.total_strokes),
    idle: length.length_type === 'idle',
  }
}

/** Timer stop → start spans, in epoch ms, in time order (FIT profile, event `timer`). */
export function timerPausesMs(events: readonly FitEvent[]): Array<{ startMs: number; endMs: number }> {
  const timers = events
    .filter((e) => e.event === 'timer' && !Number.isNaN(msOf(e.timestamp)))
    .sort((a, b) => msOf(a.timestamp) - msOf(b.timestamp))
  const pauses: Array<{ startMs: number; endMs: number }> = []
  let stoppedAt = Number.NaN
  for (const e of timers) {
    const ms = msOf(e.timestamp)
    if (TIMER_STOPS.has(String(e.event_type))) {
      if (Number.isNaN(stoppedAt)) stoppedAt = ms
    } else if (e.event_type === 'start' && !Number.isNaN(stoppedAt)) {
      if (ms > stoppedAt) pauses.push({ startMs: stoppedAt, endMs: ms })
      stoppedAt = Number.NaN
    }
  }
  return pauses
}

export function pauseOf(pause: { startMs: number; endMs: number }, startMs: number): Pause {
  return { start_s: (pause.startMs - startMs) / 1000, end_s: (pause.endMs - startMs) / 1000 }
}
