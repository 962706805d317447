/**
 * An archive upload's job: one child upload per activity entry, through the same queue as any
 * upload. Idempotent, so a crash mid-way is simply run again (by BullMQ's retry or the
 * reconciler): child ids derive from the parent's id and the entry's path (and, for a path
 * the archive holds more than once, which occurrence it is), rows already made
 * are kept (ON CONFLICT DO NOTHING), storage is content-addressed and job ids are per upload.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { ArchiveCaps } from '../src/archive/caps.js'
import { childUploadId } from '../src/archive/child-id.js'
import { downloadToFile } from '../src/archive/download.js'
import { type WalkedEntry, walkArchive } from '../src/archive/walk.js'
import { activitiesByContent, finishArchive, insertChildren, markExpanded, type NewChild } from '../src/db/archives.js'
import type { Database, UploadRow } from '../src/db/tables.js'
import { uploadErrorCode } from '../src/errors.js'
import { enqueueUploads, type IngestJob } from '../src/queue/ingest-queue.js'
import { contentHash } from '../src/storage/content-hash.js'
import { type ObjectStore, objectKeyFor } from '../src/storage/object-store.js'

export interface ArchiveDeps {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  readonly queue: Queue<IngestJob>
  readonly caps: ArchiveCaps
}

export interface ArchiveOutcome {
  readonly status: 'expanded'
  readonly children: number
  readonly skipped: number
}

/** Children are stored and queued in batches, so workers start on them while expansion goes on. */
const BATCH = 50

export async function expandArchive(deps: ArchiveDeps, upload: UploadRow): Promise<ArchiveOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'fitledger-archive-'))
  try {
    const file = join(dir, 'upload.zip') // our name; no entry name ever reaches the file system
    await downloadToFile(deps.storage, upload.object_key, file)
    let batch: WalkedEntry[] = []
    const flush = async () => {
      const children = await storeChildren(deps, upload, batch)
      batch = []
      await enqueueUploads(deps.queue, await insertChildren(deps.db, children))
    }
    const summary = await walkArchive(file, deps.caps, async (entry) => {
      batch.push(entry)
      if (batch.length >= BATCH) await flush()
    })
    await flush()
    await markExpanded(deps.db, upload.id, summary.skipped)
    await finishArchive(deps.db, upload.id) // an archive of nothing but skipped or known files ends now
    return { status: 'expanded', children: summary.activities, skipped: summary.skipped }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function storeChildren(deps: ArchiveDeps, parent: UploadRow, entries: readonly WalkedEntry[]): Promise<NewChild[]> {
  const hashed = entries.map((e) => ({ ...e, sha: e.bytes ? contentHash(e.bytes) : null }))
  // PERF: puts in parallel; each local put waits on two fsyncs.
  await Promise.all(hashed.map((e) => (e.bytes && e.sha ? deps.storage.put(objectKeyFor(e.sha), e.bytes) : undefined)))
  const known = await activitiesByContent(
    deps.db,
    parent.user_id,
    hashed.flatMap((e) => (e.sha ? [e.sha] : [])),
  )
  return hashed.map((e): NewChild => {
    const base = {
      id: childUploadId(parent.id, e.path, e.occurrence),
      user_id: parent.user_id,
      parent_id: parent.id,
      entry_path: e.path,
      filename: e.filename,
      name_override: e.hint?.name ?? null,
      sport_override: parent.sport_override ?? e.hint?.sport ?? null,
    }
    if (e.error || !e.sha || !e.bytes) {
      // Never stored: a failed entry has no object (object_key and hash stay empty).
      const error = e.error
      return {
        ...base,
        object_key: '',
        content_sha256: '',
        size_bytes: 0,
        status: 'failed',
        error_code: error ? uploadErrorCode(error) : 'internal',
        error_message: error?.message ?? null,
      }
    }
    const existing = known.get(e.sha) ?? []
    return {
      ...base,
      object_key: objectKeyFor(e.sha),
      content_sha256: e.sha,
      size_bytes: e.bytes.length,
      // The same bytes again (a re-imported export): a duplicate at once, nothing to parse.
      status: existing.length > 0 ? 'duplicate' : 'queued',
      activity_ids: existing,
      duplicate_rule: existing.length > 0 ? 'same_bytes' : null,
    }
  })
}
