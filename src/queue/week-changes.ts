/**
 * Turns a change to a user's source rows into aggregation jobs: the weeks it touches, on the
 * user's own clock. Called after the change has committed. Enqueueing never fails the caller:
 * the change is already in Postgres, and a report whose stored week is stale recomputes it on
 * read (src/db/week-report.ts), so a lost job costs time, not correctness.
 */
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import { isoWeekOfDate, isoWeekOfInstant } from '../aggregate/iso-week.js'
import { storedWeekNames } from '../db/aggregates.js'
import { intakeDates } from '../db/intake.js'
import { storedProfile } from '../db/profiles.js'
import type { Database } from '../db/tables.js'
import type { Logger } from '../log.js'
import { type AggregateJob, enqueueAggregate } from './aggregate-queue.js'

export interface WeekChanges {
  /** Sessions that started at these instants were added, changed or removed. */
  activitiesChanged(userId: string, startTimes: readonly Date[]): Promise<void>
  /** Food-log days (local dates) were written or deleted. */
  intakeChanged(userId: string, dates: readonly string[]): Promise<void>
  /** These ISO weeks need recomputing (the reconciler found them stale). */
  weeksChanged(userId: string, weeks: readonly string[]): Promise<void>
  /** Every week that holds data (a time-zone or goal change moves them all). */
  allWeeksChanged(userId: string): Promise<void>
  /** Weight, heart rate, sex or age changed: activities' energy and zones first, then the weeks. */
  reanalyse(userId: string): Promise<void>
}

export interface WeekChangeDeps {
  readonly db: Kysely<Database>
  readonly aggregateQueue: Queue<AggregateJob>
  readonly log: Logger
}

/** Every week of the user's data in their current zone, plus the weeks already stored. */
export async function weeksWithData(db: Kysely<Database>, userId: string): Promise<string[]> {
  const { time_zone } = await storedProfile(db, userId)
  const starts = await db.selectFrom('activities').select('start_time').where('user_id', '=', userId).execute()
  const weeks = new Set(await storedWeekNames(db, userId))
  for (const { start_time } of starts) weeks.add(isoWeekOfInstant(start_time.getTime(), time_zone))
  for (const date of await intakeDates(db, userId)) weeks.add(isoWeekOfDate(date))
  return [...weeks].sort()
}

export function createWeekChanges(deps: WeekChangeDeps): WeekChanges {
  const queueWeeks = async (userId: string, weeks: Iterable<string>) => {
    const jobs = [...new Set(weeks)].map((week): AggregateJob => ({ kind: 'week', user_id: userId, week }))
    await enqueueAggregate(deps.aggregateQueue, jobs)
  }
  const guarded =
    <A extends unknown[]>(what: string, work: (userId: string, ...args: A) => Promise<void>) =>
    async (userId: string, ...args: A): Promise<void> => {
      try {
        await work(userId, ...args)
      } catch (err) {
        deps.log.warn({ err, user_id: userId, what }, 'could not queue aggregation; reports will recompute on read')
      }
    }
  return {
    activitiesChanged: guarded('activities', async (userId, startTimes: readonly Date[]) => {
      const { time_zone } = await storedProfile(deps.db, userId)
      await queueWeeks(
        userId,
        startTimes.map((t) => isoWeekOfInstant(t.getTime(), time_zone)),
      )
    }),
    intakeChanged: guarded('intake', async (userId, dates: readonly string[]) => queueWeeks(userId, dates.map(isoWeekOfDate))),
    weeksChanged: guarded('weeks', async (userId, weeks: readonly string[]) => queueWeeks(userId, weeks)),
    allWeeksChanged: guarded('all_weeks', async (userId) => queueWeeks(userId, await weeksWithData(deps.db, userId))),
    reanalyse: guarded('reanalyse', async (userId) => enqueueAggregate(deps.aggregateQueue, [{ kind: 'reanalyse', user_id: userId }])),
  }
}
