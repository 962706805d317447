import { type Kysely, sql } from 'kysely'
import { isoWeekOfDate, isoWeekOfInstant } from '../aggregate/iso-week.js'
import { storedWeek } from './aggregates.js'
import { DATE_TEXT } from './intake.js'
import { storedProfile } from './profiles.js'
import type { Database } from './tables.js'
import { isEmptyStamp, weekSpan, weekStamp } from './week-sources.js'

export interface UserWeek {
  readonly user_id: string
  readonly week: string
}

/**
 * Weeks whose sources changed between `withinS` and `settleS` seconds ago and whose stored
 * aggregate no longer matches them: their recompute job was lost (Redis keeps nothing on disk)
 * or failed. Reports would recompute them on read anyway; this puts the stored rows right.
 */
export async function findStaleWeeks(db: Kysely<Database>, withinS: number, settleS: number): Promise<UserWeek[]> {
  const window = sql<boolean>`updated_at between now() - make_interval(secs => ${withinS}) and now() - make_interval(secs => ${settleS})`
  const [sessions, days] = await Promise.all([
    db.selectFrom('activities').select(['user_id', 'start_time']).where(window).execute(),
    db.selectFrom('intake_days').select(['user_id', DATE_TEXT]).where(window).execute(),
  ])
  const candidates = new Map<string, Set<string>>()
  const add = (userId: string, week: string) => candidates.set(userId, (candidates.get(userId) ?? new Set()).add(week))
  for (const d of days) add(d.user_id, isoWeekOfDate(d.date))
  const stale: UserWeek[] = []
  const users = new Set([...sessions.map((s) => s.user_id), ...candidates.keys()])
  for (const userId of users) {
    const profile = await storedProfile(db, userId)
    for (const s of sessions) if (s.user_id === userId) add(userId, isoWeekOfInstant(s.start_time.getTime(), profile.time_zone))
    for (const week of candidates.get(userId) ?? []) {
      const [row, stamp] = await Promise.all([storedWeek(db, userId, week), weekStamp(db, userId, weekSpan(week, profile.time_zone), profile)])
      const current = row ? row.source_stamp === stamp : isEmptyStamp(stamp)
      if (!current) stale.push({ user_id: userId, week })
    }
  }
  return stale
}
