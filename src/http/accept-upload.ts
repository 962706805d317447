import { randomUUID } from 'node:crypto'
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import { activitiesForContent } from '../db/activities.js'
import type { Database, UploadStatus } from '../db/tables.js'
import { insertUploads, type NewUpload } from '../db/uploads.js'
import { FitledgerError } from '../errors.js'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'
import { detectFormat } from '../parse/detect.js'
import { enqueueUploads, type IngestJob } from '../queue/ingest-queue.js'
import { contentHash } from '../storage/content-hash.js'
import { type ObjectStore, objectKeyFor } from '../storage/object-store.js'

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
  readonly hint?: { readonly name: string | null; readonly sport: string | null } | null
}

export interface UploadOptions {
  readonly external_id?: string | null
  readonly sport?: string | null
  readonly name?: string | null
}

export interface AcceptedUpload {
  readonly id: string
  readonly status: UploadStatus
  readonly filename: string
}

/** Control characters and path separators never reach the database or a page. */
export function cleanFilename(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[/\\]/).pop() ?? ''
  return base.trim().slice(0, 255) || 'upload'
}

/**
 * Stores the bytes, commits the upload rows, then queues the jobs. The caller answers 202 only
 * after this resolves: by then nothing can be lost. If the enqueue fails, the reconciler queues
 * the uploads later from their rows.
 */
export async function acceptFiles(
  deps: AcceptDeps,
  userId: string,
  files: readonly IncomingFile[],
  options: UploadOptions,
): Promise<AcceptedUpload[]> {
  if (files.length === 0) throw new FitledgerError('bad_request', 'no file in the request')
  const rows: NewUpload[] = []
  for (const file of files) {
    const filename = cleanFilename(file.filename)
    if (file.bytes.length === 0) throw new FitledgerError('bad_request', `${filename} is empty`)
    const sha = contentHash(file.bytes)
    const key = objectKeyFor(sha)
    await deps.storage.put(key, file.bytes)
    // An archive (by content, never by name) is expanded by a worker into child uploads.
    const archive = detectFormat(file.bytes) === 'zip'
    const existing = archive ? [] : await activitiesForContent(deps.db, userId, sha)
    rows.push({
      id: randomUUID(),
      user_id: userId,
      kind: archive ? 'archive' : 'file',
      filename,
      object_key: key,
      content_sha256: sha,
      size_bytes: file.bytes.length,
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
