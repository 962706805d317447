import type { Kysely } from 'kysely'

// The reconciler looks for weeks whose sources changed recently but whose stored aggregate is
// stale (its job lost with a Redis restart): it scans activities and food-log days by
// updated_at. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('activities_updated').on('activities').column('updated_at').execute()
  await db.schema.createIndex('intake_days_updated').on('intake_days').column('updated_at').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('intake_days_updated').ifExists().execute()
  await db.schema.dropIndex('activities_updated').ifExists().execute()
}
