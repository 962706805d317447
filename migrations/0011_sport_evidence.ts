import { sql, type Kysely } from 'kysely'

// Issue 15: each activity keeps the reasons for its sport ("cadence 86 spm (steps)", "declared by
// the file: running"), as the API and inspect --json show them. Rows analysed before this column
// have no reasons until they are analysed again. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('activities')
    .addColumn('sport_evidence', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').dropColumn('sport_evidence').execute()
}
