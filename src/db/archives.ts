/**
 * Uploads of archives and their children (issue 6). A parent ends only when it has been
 * expanded (every child row exists) and no child is still queued or processing; whoever
 * finishes last (a child, the expansion, or the reconciler) flips it, and the update's own
 * conditions make that safe from many workers at once.
 */
import { type Kysely, sql } from 'kysely'
import type { UploadErrorCode } from '../errors.js'
import type { UploadStatus } from '../model.js'
import type { Database } from './tables.js'
import { type NewUpload, writeSettled } from './uploads.js'

export type ArchiveCounts = Record<UploadStatus, number>

export interface NewChild extends NewUpload {
  readonly parent_id: string
  readonly entry_path: string
  readonly error_code?: UploadErrorCode | null
  readonly error_message?: string | null
}

/** Inserts the children that do not exist yet (ids are derived: child-id.ts); returns those still queued. */
export async function insertChildren(db: Kysely<Database>, children: readonly NewChild[]): Promise<string[]> {
  if (children.length === 0) return []
  await writeSettled(db, children, (tx, rows) =>
    tx
      .insertInto('uploads')
      .values(
        rows.map((c) => ({
          ...c,
          kind: 'file' as const,
          activity_ids: c.activity_ids ?? [],
          duplicate_rule: c.duplicate_rule ?? null,
          external_id: c.external_id ?? null,
          sport_override: c.sport_override ?? null,
          name_override: c.name_override ?? null,
          error_code: c.error_code ?? null,
          error_message: c.error_message?.slice(0, 2000) ?? null,
          finished_at: c.status === 'queued' ? null : sql<Date>`now()`, // one clock with created_at
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute(),
  )
  const queued = await db
    .selectFrom('uploads')
    .select('id')
    .where(
      'id',
      'in',
      children.map((c) => c.id),
    )
    .where('status', '=', 'queued')
    .execute()
  return queued.map((r) => r.id)
}

export async function markExpanded(db: Kysely<Database>, parentId: string, skipped: number): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ expanded_at: sql`now()`, skipped_entries: skipped, updated_at: sql`now()` })
    .where('id', '=', parentId)
    .execute()
}

/** Ends an expanded archive whose children have all ended; true when this call ended it. */
export async function finishArchive(db: Kysely<Database>, parentId: string): Promise<boolean> {
  const result = await db
    .updateTable('uploads as p')
    .set({ status: 'done', updated_at: sql`now()`, finished_at: sql`now()` })
    .where('p.id', '=', parentId)
    .where('p.status', 'in', ['queued', 'processing'])
    .where('p.expanded_at', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('uploads as c')
            .select(sql`1`.as('one'))
            .whereRef('c.parent_id', '=', 'p.id')
            .where('c.status', 'in', ['queued', 'processing']),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Called after a child reaches a final status; a no-op for uploads without a parent. */
export async function finishParentOf(db: Kysely<Database>, childId: string): Promise<void> {
  const row = await db.selectFrom('uploads').select('parent_id').where('id', '=', childId).executeTakeFirst()
  if (row?.parent_id) await finishArchive(db, row.parent_id)
}

/** Expanded archives still open: a crash between a child's end and the parent's check. */
export async function findOpenArchives(db: Kysely<Database>, limit = 100): Promise<string[]> {
  const rows = await db
    .selectFrom('uploads')
    .select('id')
    .where('kind', '=', 'archive')
    .where('status', 'in', ['queued', 'processing'])
    .where('expanded_at', 'is not', null)
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

export async function archiveCounts(db: Kysely<Database>, parentId: string, skippedEntries: number): Promise<ArchiveCounts> {
  const rows = await db
    .selectFrom('uploads')
    .select(['status', db.fn.countAll<string>().as('n')])
    .where('parent_id', '=', parentId)
    .groupBy('status')
    .execute()
  const counts: ArchiveCounts = { queued: 0, processing: 0, done: 0, failed: 0, duplicate: 0, skipped: skippedEntries }
  for (const row of rows) counts[row.status] += Number(row.n)
  return counts
}

/**
 * sha256 → the activities this user already has from those exact bytes, for answering a
 * re-upload as a duplicate without parsing it. Bytes that lost an activity to a delete are left
 * out: the worker matches them session by session and makes again what was deleted (issue 10,
 * item 15), where this shortcut would answer with the sessions that are left.
 */
export async function activitiesByContent(db: Kysely<Database>, userId: string, shas: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>()
  if (shas.length === 0) return found
  const rows = await db
    .selectFrom('activities')
    .select(['content_sha256', 'id'])
    .where('user_id', '=', userId)
    .where('content_sha256', 'in', [...new Set(shas)])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('uploads as u')
            .select('u.id')
            .whereRef('u.user_id', '=', 'activities.user_id')
            .whereRef('u.content_sha256', '=', 'activities.content_sha256')
            .where(sql<number>`cardinality(u.deleted_activity_ids)`, '>', 0),
        ),
      ),
    )
    .orderBy('session_index')
    .execute()
  for (const row of rows) found.set(row.content_sha256, [...(found.get(row.content_sha256) ?? []), row.id])
  return found
}

/**
 * Of these hashes, those the user has already uploaded: `import` skips them. Only an upload
 * that failed for our own reasons (`internal`) does not count, so a re-run retries it; a file
 * that failed on its content would fail the same way again.
 */
export async function storedContent(db: Kysely<Database>, userId: string, shas: readonly string[]): Promise<Set<string>> {
  if (shas.length === 0) return new Set()
  const rows = await db
    .selectFrom('uploads')
    .select('content_sha256')
    .distinct()
    .where('user_id', '=', userId)
    .where('content_sha256', 'in', [...new Set(shas)])
    .where((eb) => eb.or([eb('status', '!=', 'failed'), eb('error_code', 'is distinct from', 'internal')]))
    .execute()
  return new Set(rows.map((r) => r.content_sha256))
}
