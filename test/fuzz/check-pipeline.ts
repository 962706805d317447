/**
 * The worker's whole path for one fuzz input: stored, ingested (parse → analyse → save, with
 * duplicate matching and merges against what earlier inputs left), then its weeks recomputed.
 * Issue 10, item 6: no file content may end an upload `internal`. Everything is real: Postgres,
 * a local object store and the parser; only the queue is left out (ingest is called directly).
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isoWeekOfInstant } from '../../src/aggregate/iso-week.js'
import type { Database } from '../../src/db/tables.js'
import { failUpload, insertUploads } from '../../src/db/uploads.js'
import { recomputeWeek } from '../../src/db/week-report.js'
import { FitledgerError } from '../../src/errors.js'
import type { ParsedActivity } from '../../src/model.js'
import { contentHash } from '../../src/storage/content-hash.js'
import { type ObjectStore, objectKeyFor } from '../../src/storage/object-store.js'
import { ingest } from '../../workers/ingest.js'
import type { Verdict } from './check-input.js'

export interface PipelineDeps {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  readonly parse: (bytes: Uint8Array) => Promise<ParsedActivity[]>
}

const describe = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err))

export async function checkPipeline(deps: PipelineDeps, userId: string, bytes: Uint8Array): Promise<Verdict> {
  if (bytes.length === 0) return { ok: true, outcome: 'empty' } // refused before storage (acceptFiles)
  const sha = contentHash(bytes)
  const id = randomUUID()
  await deps.storage.put(objectKeyFor(sha), bytes)
  await insertUploads(deps.db, [
    {
      id,
      user_id: userId,
      filename: 'fuzz',
      object_key: objectKeyFor(sha),
      content_sha256: sha,
      size_bytes: bytes.length,
      status: 'queued',
    },
  ])
  try {
    await ingest(deps, id)
  } catch (err) {
    // As workers/main.ts: a permanent code fails the upload at once; anything else is retried
    // and, since the same bytes fail the same way, ends `internal`.
    if (!(err instanceof FitledgerError && err.permanent)) return { ok: false, finding: `ingest threw ${describe(err)}` }
    await failUpload(deps.db, id, err)
  }
  const row = await deps.db
    .selectFrom('uploads')
    .select(['status', 'error_code', 'activity_ids'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  if (!['done', 'duplicate', 'failed'].includes(row.status) || row.error_code === 'internal') {
    return { ok: false, finding: `upload ended ${row.status} ${row.error_code ?? ''}` }
  }
  const activities =
    row.activity_ids.length === 0
      ? []
      : await deps.db.selectFrom('activities').select('start_time').where('id', 'in', row.activity_ids).execute()
  try {
    for (const week of new Set(activities.map((a) => isoWeekOfInstant(a.start_time.getTime(), 'UTC'))))
      await recomputeWeek(deps.db, userId, week)
  } catch (err) {
    return { ok: false, finding: `recomputing its week threw ${describe(err)}` }
  }
  return { ok: true, outcome: row.status === 'failed' ? `failed:${row.error_code}` : row.status }
}
