import { type Kysely, sql } from 'kysely'

// Issue 6, batch import: archive children and their parents' progress, and the indexes the
// layered duplicate matching reads. Append-only: never edit once merged.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('uploads')
    // The entry's path inside its archive (a child only); shown, never used as a file path.
    .addColumn('entry_path', 'text')
    // Set once every child row exists: only then can the parent end with its children.
    .addColumn('expanded_at', 'timestamptz')
    // Entries that are not activities (photos, JSON, CSV): counted, never stored.
    .addColumn('skipped_entries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('uploads_parent_status')
    .on('uploads')
    .columns(['parent_id', 'status'])
    .where('parent_id', 'is not', null)
    .execute()
  // Rule 2 of the duplicate matching: the same FIT file_id (serial number, time created).
  await db.schema
    .createIndex('activities_user_file_id')
    .on('activities')
    .columns(['user_id', 'file_serial', 'file_created_at'])
    .where(sql.ref('file_serial'), 'is not', null)
    .execute()
  await db.schema.dropIndex('uploads_parent').ifExists().execute()
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('uploads_parent').on('uploads').column('parent_id').where('parent_id', 'is not', null).execute()
  await db.schema.dropIndex('activities_user_file_id').ifExists().execute()
  await db.schema.dropIndex('uploads_parent_status').ifExists().execute()
  await db.schema.alterTable('uploads').dropColumn('entry_path').dropColumn('expanded_at').dropColumn('skipped_entries').execute()
}
