import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import { findOpenArchives, finishArchive } from '../src/db/archives.js'
import type { Database } from '../src/db/tables.js'
import { findStuckUploads, touchUploads } from '../src/db/uploads.js'
import type { Logger } from '../src/log.js'
import { type IngestJob, requeueUploads } from '../src/queue/ingest-queue.js'

export interface ReconcileDeps {
  readonly db: Kysely<Database>
  readonly queue: Queue<IngestJob>
  readonly log: Logger
}

/**
 * Redis here keeps nothing on disk, and an enqueue can fail after the upload row committed.
 * Postgres is the record: any upload left queued or processing for too long is queued again.
 * Job ids make this safe to run from every worker at once.
 */
export async function reconcileOnce(deps: ReconcileDeps, afterS: number): Promise<number> {
  // An expanded archive ends with its last child; a crash between the two leaves it open.
  for (const id of await findOpenArchives(deps.db)) await finishArchive(deps.db, id)
  const stuck = await findStuckUploads(deps.db, afterS)
  if (stuck.length === 0) return 0
  const requeued = await requeueUploads(deps.queue, stuck)
  await touchUploads(deps.db, stuck) // checked: leave them alone for another `afterS`
  if (requeued > 0) deps.log.warn({ requeued, stuck: stuck.length }, 're-queued uploads whose job was lost')
  return requeued
}

/** Runs now and then every `everyS` seconds until stopped; a failed pass is retried next time. */
export function startReconciler(deps: ReconcileDeps, afterS: number, everyS: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const pass = () => {
    running = reconcileOnce(deps, afterS).catch((err: unknown) => deps.log.warn({ err }, 'reconcile pass failed'))
  }
  pass()
  const timer = setInterval(pass, everyS * 1000)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
