import { type Kysely, sql } from 'kysely'

// Issue 5: the food log and the weekly/daily aggregates. The aggregates are a cache of
// aggregateWeek over the source rows (activities, intake_days, profiles): `source_stamp` says
// which state of those rows a stored week was computed from, so a reader can tell a stale one.
// Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_days')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('kcal', 'double precision', (c) => c.notNull().check(sql`kcal >= 0`))
    .addColumn('water_ml', 'double precision', (c) => c.check(sql`water_ml >= 0`))
    .addColumn('protein_g', 'double precision', (c) => c.check(sql`protein_g >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('intake_days_pk', ['user_id', 'date'])
    .execute()

  await db.schema
    .createTable('weekly_aggregates')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week', 'text', (c) => c.notNull().check(sql`week ~ '^[0-9]{4}-W[0-9]{2}$'`))
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // The WeekAggregate, CONTRACT.md's weekly report. json, not jsonb: jsonb reorders keys, and the
    // report keeps the contract's order; nothing queries inside it (daily_aggregates is the queryable form).
    .addColumn('body', 'json', (c) => c.notNull())
    .addColumn('source_stamp', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('weekly_aggregates_pk', ['user_id', 'week'])
    .execute()

  await db.schema
    .createTable('daily_aggregates')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('moving_min', 'double precision', (c) => c.notNull())
    .addColumn('exercise_kcal', 'double precision', (c) => c.notNull())
    .addColumn('intake_kcal', 'double precision') // null: not logged, never 0
    .addColumn('balance_kcal', 'double precision')
    .addPrimaryKeyConstraint('daily_aggregates_pk', ['user_id', 'date'])
    .execute()
  await db.schema.createIndex('daily_aggregates_user_week').on('daily_aggregates').columns(['user_id', 'week']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['daily_aggregates', 'weekly_aggregates', 'intake_days']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
