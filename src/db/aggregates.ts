import { type Kysely, sql } from 'kysely'
import type { WeekAggregate } from '../aggregate/week-types.js'
import type { Database } from './tables.js'

export interface StoredWeek {
  readonly body: WeekAggregate
  readonly source_stamp: string
}

export async function storedWeek(db: Kysely<Database>, userId: string, week: string): Promise<StoredWeek | undefined> {
  const row = await db
    .selectFrom('weekly_aggregates')
    .select(['body', 'source_stamp'])
    .where('user_id', '=', userId)
    .where('week', '=', week)
    .executeTakeFirst()
  return row ? { body: row.body as WeekAggregate, source_stamp: row.source_stamp } : undefined
}

/** Replaces a week and its days in full: recomputed from the sources, never counted up. */
export async function writeWeek(tx: Kysely<Database>, userId: string, agg: WeekAggregate, stamp: string): Promise<void> {
  const week = { time_zone: agg.time_zone, body: JSON.stringify(agg), source_stamp: stamp }
  await tx
    .insertInto('weekly_aggregates')
    .values({ user_id: userId, week: agg.week, ...week })
    .onConflict((oc) => oc.columns(['user_id', 'week']).doUpdateSet({ ...week, computed_at: sql<Date>`now()` }))
    .execute()
  await tx.deleteFrom('daily_aggregates').where('user_id', '=', userId).where('week', '=', agg.week).execute()
  await tx
    .insertInto('daily_aggregates')
    .values(
      agg.days.map((d) => ({
        user_id: userId,
        week: agg.week,
        date: d.date,
        sessions: d.sessions,
        moving_min: d.moving_min,
        exercise_kcal: d.exercise_kcal,
        intake_kcal: d.intake_kcal,
        balance_kcal: d.balance_kcal,
      })),
    )
    .execute()
}

/** A week left with no sessions and no food log keeps no rows: reading it computes zeros. */
export async function deleteWeek(tx: Kysely<Database>, userId: string, week: string): Promise<void> {
  await tx.deleteFrom('daily_aggregates').where('user_id', '=', userId).where('week', '=', week).execute()
  await tx.deleteFrom('weekly_aggregates').where('user_id', '=', userId).where('week', '=', week).execute()
}

export async function storedWeekNames(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('weekly_aggregates').select('week').where('user_id', '=', userId).execute()
  return rows.map((r) => r.week)
}
