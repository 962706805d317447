import type { Kysely } from 'kysely'

// The zone an activity's local_start_time was taken in, when its file gave no offset (GPX, TCX
// and FIT files without local_timestamp): the profile's. Null where the file's own offset was
// used. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('local_time_zone', 'text').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').dropColumn('local_time_zone').execute()
}
