/** Which sessions count toward which weekly goal (REGIMEN.md, Weekly goals). */
import { CARDIO_SPORTS, type Goals, type Sport } from '../model.js'

export interface SessionFacts {
  readonly sport: Sport
  readonly intervals: boolean
  readonly moving_s: number
}

export function isCardio(s: Pick<SessionFacts, 'sport'>): boolean {
  return CARDIO_SPORTS.has(s.sport)
}

/** A cardio session long enough to count: moving time ≥ goals.cardio_min_minutes (30 min). */
export function isQualifyingCardio(s: SessionFacts, goals: Goals): boolean {
  return isCardio(s) && s.moving_s >= goals.cardio_min_minutes * 60
}

/** "a session classified as intervals, in any cardio sport": intervals in 'other' do not count. */
export function isIntervalSession(s: SessionFacts): boolean {
  return s.intervals && isCardio(s)
}

/** FIT training/strength_training/cardio_training all classify as 'strength' upstream. */
export function isStrength(s: Pick<SessionFacts, 'sport'>): boolean {
  return s.sport === 'strength'
}
