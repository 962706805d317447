/**
 * A week's report from Postgres. weekly_aggregates is a cache of aggregateWeek over the source
 * rows, tagged with the stamp of the rows it came from (week-sources.ts). A reader serves the
 * stored week when its stamp still matches and recomputes it otherwise, so a lost or late
 * aggregation job can make a report slower, never wrong.
 */
import { type Kysely, sql } from 'kysely'
import { parseIsoWeek } from '../aggregate/iso-week.js'
import { aggregateWeek } from '../aggregate/week.js'
import type { WeekAggregate } from '../aggregate/week-types.js'
import { deleteWeek, storedWeek, writeWeek } from './aggregates.js'
import { effectiveProfile, type StoredProfile, storedProfile } from './profiles.js'
import type { Database } from './tables.js'
import { isEmptyStamp, loadWeekInput, weekSpan, weekStamp } from './week-sources.js'

/**
 * Recomputes one week in full and stores it (or removes it, when nothing is left), in one
 * transaction. A per-(user, week) advisory lock makes concurrent runs take turns, so the last
 * to write is the last to have read.
 */
export async function recomputeWeek(db: Kysely<Database>, userId: string, week: string): Promise<WeekAggregate> {
  parseIsoWeek(week)
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${userId}), hashtext(${week}))`.execute(tx)
    const stored = await storedProfile(tx, userId)
    const profile = effectiveProfile(stored)
    // The stamp is taken before the rows: a change committed in between leaves an older stamp
    // beside newer figures, which the next reader sees as stale (never the other way round).
    const stamp = await weekStamp(tx, userId, weekSpan(week, profile.time_zone), stored)
    const agg = aggregateWeek(await loadWeekInput(tx, userId, week, profile))
    if (isEmptyStamp(stamp)) await deleteWeek(tx, userId, week)
    else await writeWeek(tx, userId, agg, stamp)
    return agg
  })
}

/** The week's report: stored when current (two small queries), else recomputed. */
export async function weekReport(db: Kysely<Database>, userId: string, week: string, profile?: StoredProfile): Promise<WeekAggregate> {
  parseIsoWeek(week) // bad_request for 2026-W99
  const stored = profile ?? (await storedProfile(db, userId))
  const [row, stamp] = await Promise.all([storedWeek(db, userId, week), weekStamp(db, userId, weekSpan(week, stored.time_zone), stored)])
  if (row !== undefined && row.source_stamp === stamp) return row.body
  if (row === undefined && isEmptyStamp(stamp)) {
    // Nothing logged that week: zeros and nulls, computed without writing a row.
    return aggregateWeek({ week, profile: effectiveProfile(stored), activities: [], intake: [] })
  }
  return recomputeWeek(db, userId, week)
}

/** A run of weeks, oldest first, for the trend. */
export async function weekReports(db: Kysely<Database>, userId: string, weeks: readonly string[]): Promise<WeekAggregate[]> {
  const profile = await storedProfile(db, userId)
  const out: WeekAggregate[] = []
  for (const week of weeks) out.push(await weekReport(db, userId, week, profile))
  return out
}
