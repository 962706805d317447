import { type Kysely, sql } from 'kysely'
import type { IntakeDay } from '../aggregate/week-types.js'
import type { Database } from './tables.js'

// node-postgres turns a `date` into a JS Date at local midnight, which shifts it by the host's
// zone; a food-log date is a label, so it is always read as text.
export const DATE_TEXT = sql<string>`date::text`.as('date')

/** One day's entry; a post for a day that has one replaces it whole (CONTRACT.md, POST /v1/intake). */
export async function upsertIntake(db: Kysely<Database>, userId: string, days: readonly IntakeDay[]): Promise<void> {
  if (days.length === 0) return
  // The last entry for a date wins, as if posted one after the other; Postgres rejects a
  // statement that touches the same row twice.
  const byDate = new Map(days.map((d) => [d.date, d]))
  await db
    .insertInto('intake_days')
    .values([...byDate.values()].map((d) => ({ user_id: userId, ...d })))
    .onConflict((oc) =>
      oc.columns(['user_id', 'date']).doUpdateSet((eb) => ({
        kcal: eb.ref('excluded.kcal'),
        water_ml: eb.ref('excluded.water_ml'),
        protein_g: eb.ref('excluded.protein_g'),
        updated_at: sql`now()`,
      })),
    )
    .execute()
}

/** Entries from `from` to `to`, both included, oldest first. */
export async function listIntake(db: Kysely<Database>, userId: string, from: string, to: string): Promise<IntakeDay[]> {
  return db
    .selectFrom('intake_days')
    .select([DATE_TEXT, 'kcal', 'water_ml', 'protein_g'])
    .where('user_id', '=', userId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('intake_days.date')
    .execute()
}

/** True when there was an entry to delete. */
export async function deleteIntake(db: Kysely<Database>, userId: string, date: string): Promise<boolean> {
  const result = await db.deleteFrom('intake_days').where('user_id', '=', userId).where('date', '=', date).executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Every date the user has logged, for finding the weeks that hold data. */
export async function intakeDates(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('intake_days').select(DATE_TEXT).where('user_id', '=', userId).execute()
  return rows.map((r) => r.date)
}
