import { type Kysely, sql } from 'kysely'

// Share links (issue 12): a read-only link to one week's report, or a run of weeks, that opens
// in any browser. The link carries 256 random bits; only their SHA-256 is kept here, so the
// table alone cannot open a report. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_shares')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_sha256', 'bytea', (c) => c.notNull().unique())
    .addColumn('from_week', 'text', (c) => c.notNull())
    .addColumn('to_week', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('report_shares_user').on('report_shares').columns(['user_id', 'created_at']).execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_shares').execute()
}
