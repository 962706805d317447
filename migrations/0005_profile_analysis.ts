import type { Kysely } from 'kysely'

// A profile change that moves energy and zones re-analyses the user's activities through a job.
// Redis may lose that job, so Postgres records both sides: when the analysis inputs last
// changed, and which change the last completed re-analysis covered. The reconciler queues the
// job again while the two differ. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profiles').addColumn('analysis_changed_at', 'timestamptz').addColumn('analysed_at', 'timestamptz').execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profiles').dropColumn('analysed_at').dropColumn('analysis_changed_at').execute()
}
