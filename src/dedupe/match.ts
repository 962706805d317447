/**
 * Is a new activity one we already have? Pure; the rules run in order and the first that
 * matches names itself (uploads.duplicate_rule). `same_bytes` is checked by the database key
 * before these (db/activities.ts).
 *   same_file_id: the same FIT file_id (serial number + time created) and session: one
 *                 recording, re-exported or re-saved with other bytes.
 *   same_time:    starts within 60 s of each other and elapsed times within 5 %: one session
 *                 recorded twice (a watch and a bike computer, or FIT and GPX of one ride).
 */
import type { DuplicateRule } from '../model.js'

export const SAME_TIME_START_S = 60
export const SAME_TIME_ELAPSED_FRACTION = 0.05

export interface SessionKey {
  readonly start_ms: number
  readonly elapsed_s: number
  readonly file_serial: string | null
  readonly file_created_ms: number | null
  readonly session_index: number
}

export interface StoredSession extends SessionKey {
  readonly id: string
}

export interface Match<T extends StoredSession> {
  readonly activity: T
  readonly rule: DuplicateRule
}

function sameFileId(a: SessionKey, b: SessionKey): boolean {
  return (
    a.file_serial !== null &&
    a.file_created_ms !== null &&
    a.file_serial === b.file_serial &&
    a.file_created_ms === b.file_created_ms &&
    a.session_index === b.session_index
  )
}

/**
 * Besides the two tolerances, the start gap must be under half the shorter session: two short
 * sessions that merely follow each other (a 40 s effort, then another) start less than 60 s
 * apart but never overlap, and must stay two activities.
 */
export function sameTime(a: SessionKey, b: SessionKey): boolean {
  const gapS = Math.abs(a.start_ms - b.start_ms) / 1000
  const longer = Math.max(a.elapsed_s, b.elapsed_s)
  const shorter = Math.min(a.elapsed_s, b.elapsed_s)
  return gapS <= SAME_TIME_START_S && gapS < shorter / 2 && longer - shorter <= SAME_TIME_ELAPSED_FRACTION * longer
}

export function matchSession<T extends StoredSession>(session: SessionKey, stored: readonly T[]): Match<T> | null {
  const byFileId = stored.find((s) => sameFileId(session, s))
  if (byFileId) return { activity: byFileId, rule: 'same_file_id' }
  const byTime = stored
    .filter((s) => sameTime(session, s))
    .sort((x, y) => Math.abs(x.start_ms - session.start_ms) - Math.abs(y.start_ms - session.start_ms))[0]
  return byTime ? { activity: byTime, rule: 'same_time' } : null
}
