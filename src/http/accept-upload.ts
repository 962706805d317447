import { randomUUID } from 'node:crypto'
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import { activitiesForContent } from '../db/activities.js'
import type { Database } from '../db/tables.js'
import { insertUploads, type NewUpload } from '../db/uploads.js'
import { FitledgerError } from '../errors.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import type { Sport, UploadStatus } from '../model.js'
import { detectFormat } from '../parse/detect.js'
import { enqueueUploads, type IngestJob } from '../queue/ingest-queue.js'
import { contentHash } from '../storage/content-hash.js'
import { type ObjectStore, objectKeyFor, type StoredObject } from '../storage/object-store.js'

export interface AcceptDeps {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  readonly queue: Queue<IngestJob>
  readonly metrics: Metrics
  readonly log: Logger
}

export interface IncomingFile {
  readonly filename: string
  readonly bytes: Uint8Array
  /** Per-file name and sport (an export's activities.csv); they win over the request's options. */
  readonly hint?: { readonly name: string | null; readonly sport: Sport | null } | null
}

export interface UploadOptions {
  readonly external_id?: string | null
  readonly sport?: Sport | null
  readonly name?: string | null
}

export interface AcceptedUpload {
  readonly id: string
  readonly status: UploadStatus
  readonly filename: string
}

/** Control characters and path separators never reach the database or a page. */
export function cleanFilename(name: string): string {
  const base =
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .split(/[/\\]/)
      .pop() ?? ''
  return base.trim().slice(0, 255) || 'upload'
}

/** A file whose bytes are in storage already, waiting for its upload row. */
export interface StoredFile {
  readonly filename: string
  readonly object: StoredObject
  /** By content, never by name: an archive is expanded by a worker into child uploads. */
  readonly archive: boolean
  readonly hint?: IncomingFile['hint']
}

/**
 * Stores each file's bytes, then records them (acceptStored). For callers that hold files in
 * memory already (`fitledger import`, `sync`); the API streams bodies in with storeBody.
 */
export async function acceptFiles(
  deps: AcceptDeps,
  userId: string,
  files: readonly IncomingFile[],
  options: UploadOptions,
): Promise<AcceptedUpload[]> {
  const stored: StoredFile[] = []
  for (const file of files) {
    if (file.bytes.length === 0) throw new FitledgerError('bad_request', `${cleanFilename(file.filename)} is empty`)
    const sha256 = contentHash(file.bytes)
    const key = objectKeyFor(sha256)
    await deps.storage.put(key, file.bytes)
    const object = { key, sha256, size_bytes: file.bytes.length }
    stored.push({ filename: file.filename, object, archive: detectFormat(file.bytes) === 'zip', hint: file.hint ?? null })
  }
  return acceptStored(deps, userId, stored, options)
}

/**
 * Commits the upload rows of stored files, then queues the jobs. The caller answers 202 only
 * after this resolves: by then nothing can be lost. If the enqueue fails, the reconciler queues
 * the uploads later from their rows.
 */
export async function acceptStored(
  deps: AcceptDeps,
  userId: string,
  files: readonly StoredFile[],
  options: UploadOptions,
): Promise<AcceptedUpload[]> {
  if (files.length === 0) throw new FitledgerError('bad_request', 'no file in the request')
  const rows: NewUpload[] = []
  for (const file of files) {
    const { key, sha256, size_bytes } = file.object
    const existing = file.archive ? [] : await activitiesForContent(deps.db, userId, sha256)
    rows.push({
      id: randomUUID(),
      user_id: userId,
      kind: file.archive ? 'archive' : 'file',
      filename: cleanFilename(file.filename),
      object_key: key,
      content_sha256: sha256,
      size_bytes,
      status: existing.length > 0 ? 'duplicate' : 'queued',
      activity_ids: existing,
      duplicate_rule: existing.length > 0 ? 'same_bytes' : null,
      external_id: options.external_id ?? null,
      sport_override: options.sport ?? file.hint?.sport ?? null,
      name_override: file.hint?.name ?? options.name ?? null,
    })
  }
  await insertUploads(deps.db, rows)
  for (const kind of ['file', 'archive'] as const) {
    const count = rows.filter((r) => (r.kind ?? 'file') === kind).length
    if (count > 0) deps.metrics.uploadsAccepted.inc({ kind }, count)
  }
  const queued = rows.filter((r) => r.status === 'queued').map((r) => r.id)
  try {
    await enqueueUploads(deps.queue, queued)
  } catch (err) {
    deps.log.warn({ err, uploads: queued.length }, 'enqueue failed; the reconciler will queue these uploads')
  }
  return rows.map(({ id, status, filename }) => ({ id, status, filename }))
}
