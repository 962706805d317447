import { type Kysely, sql } from 'kysely'
import { type FitledgerError, uploadErrorCode } from '../errors.js'
import type { DuplicateRule, Sport, UploadKind, UploadStatus } from '../model.js'
import { type Cursor, encodeCursor } from './cursor.js'
import { lockUser } from './dedupe.js'
import type { Database, UploadRow } from './tables.js'

export interface NewUpload {
  readonly id: string
  readonly user_id: string
  readonly parent_id?: string | null
  readonly kind?: UploadKind
  readonly filename: string
  readonly object_key: string
  readonly content_sha256: string
  readonly size_bytes: number
  readonly status: UploadStatus
  readonly activity_ids?: string[]
  readonly deleted_activity_ids?: string[]
  readonly duplicate_rule?: DuplicateRule | null
  readonly external_id?: string | null
  readonly sport_override?: Sport | null
  readonly name_override?: string | null
  readonly entry_path?: string | null
}

/** An upload's activity ids split by whether the activity still exists or was deleted since. */
export interface SettledIds {
  readonly activity_ids: string[]
  readonly deleted_activity_ids: string[]
}

/** Of `ids`, those whose activity still exists. */
async function presentActivities(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db
    .selectFrom('activities')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Set(rows.map((r) => r.id))
}

function splitIds(ids: readonly string[], present: ReadonlySet<string>, deleted: readonly string[] = []): SettledIds {
  return { activity_ids: ids.filter((id) => present.has(id)), deleted_activity_ids: [...deleted, ...ids.filter((id) => !present.has(id))] }
}

/** `ids` checked against deletes, for an upload about to be written: call under the user's lock. */
export async function settleIds(db: Kysely<Database>, ids: readonly string[]): Promise<SettledIds> {
  return splitIds(ids, await presentActivities(db, ids))
}

/**
 * Writes upload rows. Rows that already point at activities (the same bytes, answered at once)
 * are written under their users' locks, which deleteActivity takes too, after their ids are
 * checked against deletes that committed since they were read: no upload is ever written
 * pointing at an activity that is gone (issue 10, item 15).
 */
export async function writeSettled<T extends NewUpload, R>(
  db: Kysely<Database>,
  rows: readonly T[],
  write: (db: Kysely<Database>, rows: readonly T[]) => Promise<R>,
): Promise<R> {
  if (!rows.some((r) => (r.activity_ids?.length ?? 0) > 0)) return write(db, rows)
  return db.transaction().execute(async (tx) => {
    for (const userId of [...new Set(rows.map((r) => r.user_id))].sort()) await lockUser(tx, userId)
    const present = await presentActivities(
      tx,
      rows.flatMap((r) => r.activity_ids ?? []),
    )
    return write(
      tx,
      rows.map((r) => ({ ...r, ...splitIds(r.activity_ids ?? [], present, r.deleted_activity_ids) })),
    )
  })
}

export async function insertUploads(db: Kysely<Database>, uploads: readonly NewUpload[]): Promise<void> {
  if (uploads.length === 0) return
  await writeSettled(db, uploads, (tx, rows) =>
    tx
      .insertInto('uploads')
      .values(
        rows.map((u) => ({
          ...u,
          parent_id: u.parent_id ?? null,
          kind: u.kind ?? 'file',
          activity_ids: u.activity_ids ?? [],
          duplicate_rule: u.duplicate_rule ?? null,
          external_id: u.external_id ?? null,
          sport_override: u.sport_override ?? null,
          name_override: u.name_override ?? null,
          finished_at: u.status === 'queued' ? null : sql<Date>`now()`, // one clock with created_at
        })),
      )
      .execute(),
  )
}

export async function getUpload(db: Kysely<Database>, id: string, userId?: string): Promise<UploadRow | undefined> {
  let query = db.selectFrom('uploads').selectAll().where('id', '=', id)
  if (userId !== undefined) query = query.where('user_id', '=', userId)
  return query.executeTakeFirst()
}

export interface UploadPage {
  readonly uploads: UploadRow[]
  readonly next_cursor: string | null
}

/** Newest first; the cursor is the last row's (created_at, id). */
export async function listUploads(
  db: Kysely<Database>,
  userId: string,
  options: { status?: UploadStatus; limit: number; cursor?: Cursor },
): Promise<UploadPage> {
  let query = db
    .selectFrom('uploads')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
  if (options.status) query = query.where('status', '=', options.status)
  if (options.cursor) {
    const { at, id } = options.cursor
    query = query.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`)
  }
  const rows = await query.execute()
  const more = rows.length > options.limit
  const page = rows.slice(0, options.limit)
  const last = page[page.length - 1]
  return { uploads: page, next_cursor: more && last ? encodeCursor(last.created_at, last.id) : null }
}

/**
 * Claims an upload for processing. Returns undefined when it has already reached a final
 * status, so a job that runs twice does nothing the second time.
 */
export async function startProcessing(db: Kysely<Database>, id: string): Promise<UploadRow | undefined> {
  return db
    .updateTable('uploads')
    .set({ status: 'processing', attempts: sql`attempts + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'processing'])
    .returningAll()
    .executeTakeFirst()
}

export async function failUpload(db: Kysely<Database>, id: string, err: FitledgerError): Promise<void> {
  await db
    .updateTable('uploads')
    .set({
      status: 'failed',
      error_code: uploadErrorCode(err),
      error_message: err.message.slice(0, 2000),
      updated_at: sql`now()`,
      finished_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'processing'])
    .execute()
}

/** Uploads a job should be running for: not final, and (for an archive) not yet expanded, since it then ends with its children. */
function awaitingJob(db: Kysely<Database>) {
  return db
    .selectFrom('uploads')
    .select('id')
    .where('status', 'in', ['queued', 'processing'])
    .where((eb) => eb.or([eb('kind', '=', 'file'), eb('expanded_at', 'is', null)]))
}

/** Uploads that should have finished by now: their job was lost, or its worker died. */
export async function findStuckUploads(db: Kysely<Database>, olderThanS: number, limit = 1000): Promise<string[]> {
  const rows = await awaitingJob(db)
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanS})`)
    .orderBy('updated_at')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/** Every upload a job should be running for, whatever its age, a page at a time (by id, after `afterId`). */
export async function findUnfinishedUploads(db: Kysely<Database>, afterId: string | null, limit: number): Promise<string[]> {
  let query = awaitingJob(db).orderBy('id').limit(limit)
  if (afterId !== null) query = query.where('id', '>', afterId)
  return (await query.execute()).map((r) => r.id)
}

export async function touchUploads(db: Kysely<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('uploads')
    .set({ updated_at: sql`now()` })
    .where('id', 'in', ids)
    .execute()
}

/**
 * Unfinished uploads by status, for the uploads gauge read on every scrape. PERF: the partial
 * index uploads_unfinished holds only queued and processing rows, so this reads the backlog,
 * not the table: a scan of every upload by status cost seconds at 10 million rows. Finished
 * uploads are events, counted by fitledger_jobs_total and fitledger_job_failures_total. The
 * literal list lets the planner prove the index's predicate.
 */
export function unfinishedUploadCounts(db: Kysely<Database>) {
  return db
    .selectFrom('uploads')
    .select(['status', db.fn.countAll<number>().as('count')])
    .where(sql<boolean>`status in ('queued', 'processing')`)
    .groupBy('status')
}
