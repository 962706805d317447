import { type Kysely, sql } from 'kysely'

// Issue 10, items 15 and 18: deletions leave a trace where readers look. Append-only: never
// edit once merged.
//
// week_source_removals: a row leaves a week without an updated_at to show it (a deleted
// activity or food-log day, or an activity whose start moved), so the week sweep
// (src/db/stale-weeks.ts) could not find the week. Triggers record each one in the same
// transaction as the change, whichever code made it; the sweep prunes rows past its window.
//
// uploads.deleted_activity_ids: an upload's activities that the user deleted since, moved out
// of activity_ids so that no upload points at an activity that is gone.

const REMOVALS = [
  { table: 'activities', fn: 'record_activity_removal', key: 'start_time' },
  { table: 'intake_days', fn: 'record_intake_removal', key: 'date' },
] as const

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('week_source_removals')
    .addColumn('user_id', 'uuid', (c) => c.notNull()) // no foreign key: an erased user's rows may outlive them briefly
    .addColumn('start_time', 'timestamptz') // an activity's start before it left
    .addColumn('date', 'date') // a food-log day
    .addColumn('removed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('week_source_removals_at').on('week_source_removals').column('removed_at').execute()
  for (const { table, fn, key } of REMOVALS) {
    await sql`
      create function ${sql.raw(fn)}() returns trigger language plpgsql as $$
      begin
        insert into week_source_removals (user_id, ${sql.raw(key)}) values (old.user_id, old.${sql.raw(key)});
        return null;
      end $$`.execute(db)
    await sql`create trigger ${sql.raw(`${table}_removed`)} after delete on ${sql.raw(table)} for each row execute function ${sql.raw(fn)}()`.execute(
      db,
    )
  }
  // An activity whose start moves leaves its old week (a re-analysis by a newer parser).
  await sql`
    create trigger activities_moved after update of start_time on activities for each row
    when (old.start_time is distinct from new.start_time) execute function record_activity_removal()`.execute(db)

  await db.schema
    .alterTable('uploads')
    .addColumn('deleted_activity_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('uploads').dropColumn('deleted_activity_ids').execute()
  await sql`drop trigger if exists activities_moved on activities`.execute(db)
  for (const { table, fn } of REMOVALS) {
    await sql`drop trigger if exists ${sql.raw(`${table}_removed`)} on ${sql.raw(table)}`.execute(db)
    await sql`drop function if exists ${sql.raw(fn)}()`.execute(db)
  }
  await db.schema.dropTable('week_source_removals').ifExists().execute()
}
