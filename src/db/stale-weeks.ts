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
 * A change is a source row's updated_at, or a removal (week_source_removals: a deleted row
 * leaves no updated_at behind, issue 10, item 18).
 */
export async function findStaleWeeks(db: Kysely<Database>, withinS: number, settleS: number): Promise<UserWeek[]> {
  const window = (column: 'updated_at' | 'removed_at') =>
    sql<boolean>`${sql.ref(column)} between now() - make_interval(secs => ${withinS}) and now() - make_interval(secs => ${settleS})`
  const [sessions, days, removed] = await Promise.all([
    db.selectFrom('activities').select(['user_id', 'start_time']).where(window('updated_at')).execute(),
    db.selectFrom('intake_days').select(['user_id', DATE_TEXT]).where(window('updated_at')).execute(),
    db
      .selectFrom('week_source_removals')
      .select(['user_id', 'start_time', sql<string | null>`date::text`.as('date')])
      .where(window('removed_at'))
      .execute(),
  ])
  const starts = [...sessions, ...removed.flatMap(({ user_id, start_time }) => (start_time ? [{ user_id, start_time }] : []))]
  const candidates = new Map<string, Set<string>>()
  const add = (userId: string, week: string) => candidates.set(userId, (candidates.get(userId) ?? new Set()).add(week))
  for (const d of [...days, ...removed]) if (d.date !== null) add(d.user_id, isoWeekOfDate(d.date))
  const stale: UserWeek[] = []
  const users = new Set([...starts.map((s) => s.user_id), ...candidates.keys()])
  for (const userId of users) {
    const profile = await storedProfile(db, userId)
    for (const s of starts) if (s.user_id === userId) add(userId, isoWeekOfInstant(s.start_time.getTime(), profile.time_zone))
    for (const week of candidates.get(userId) ?? []) {
      const [row, stamp] = await Promise.all([
        storedWeek(db, userId, week),
        weekStamp(db, userId, weekSpan(week, profile.time_zone), profile),
      ])
      const current = row ? row.source_stamp === stamp : isEmptyStamp(stamp)
      if (!current) stale.push({ user_id: userId, week })
    }
  }
  return stale
}

/** Removals older than the sweep's window have been looked at; the table stays small. */
export async function pruneRemovals(db: Kysely<Database>, olderThanS: number): Promise<void> {
  await db
    .deleteFrom('week_source_removals')
    .where('removed_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanS})`)
    .execute()
}
