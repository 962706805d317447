/**
 * Which sessions count toward which weekly goal (REGIMEN.md, Weekly goals).
 *
 * REGIMEN.md lists boxing, dancing, cross-country skiing and paddling as cardio too, but the
 * classifier (REGIMEN.md, Sports) has no such classes: those sessions arrive as 'other' and do
 * not count until the sport set grows. The user can correct a session's sport (PATCH).
 */
import type { Goals, Sport } from '../model.js'

export const CARDIO_SPORTS: ReadonlySet<Sport> = new Set<Sport>([
  'running',
  'walking',
  'hiking',
  'cycling',
  'swimming',
  'rowing',
  'elliptical',
])

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
