import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import { findOpenArchives, finishArchive } from '../src/db/archives.js'
import { usersAwaitingReanalysis } from '../src/db/profiles.js'
import { findStaleWeeks, pruneRemovals } from '../src/db/stale-weeks.js'
import type { Database } from '../src/db/tables.js'
import { findStuckUploads, touchUploads } from '../src/db/uploads.js'
import type { Logger } from '../src/log.js'
import { type IngestJob, requeueUploads } from '../src/queue/ingest-queue.js'
import type { WeekChanges } from '../src/queue/week-changes.js'

export interface ReconcileDeps {
  readonly db: Kysely<Database>
  readonly queue: Queue<IngestJob>
  readonly log: Logger
  /** When given, weeks whose recompute was lost are queued again too. */
  readonly weekChanges?: WeekChanges
}

/** How far back the week sweep looks: older stale weeks still heal when a report reads them. */
const STALE_WEEK_WINDOW_S = 3600

/**
 * Redis here keeps nothing on disk, and an enqueue can fail after the upload row committed.
 * Postgres is the record: any upload left queued or processing for too long is queued again.
 * Job ids make this safe to run from every worker at once.
 */
export async function reconcileOnce(deps: ReconcileDeps, afterS: number): Promise<number> {
  // An expanded archive ends with its last child; a crash between the two leaves it open.
  for (const id of await findOpenArchives(deps.db)) await finishArchive(deps.db, id)
  if (deps.weekChanges) {
    for (const userId of await usersAwaitingReanalysis(deps.db, afterS)) await deps.weekChanges.reanalyse(userId)
    await requeueStaleWeeks(deps.weekChanges, deps, afterS)
  }
  const stuck = await findStuckUploads(deps.db, afterS)
  if (stuck.length === 0) return 0
  const requeued = await requeueUploads(deps.queue, stuck)
  await touchUploads(deps.db, stuck) // checked: leave them alone for another `afterS`
  if (requeued > 0) deps.log.warn({ requeued, stuck: stuck.length }, 're-queued uploads whose job was lost')
  return requeued
}

/** Week recomputes are jobs in Redis too: a week whose sources moved but whose row did not is queued again. */
async function requeueStaleWeeks(weekChanges: WeekChanges, deps: ReconcileDeps, afterS: number): Promise<void> {
  const stale = await findStaleWeeks(deps.db, STALE_WEEK_WINDOW_S, afterS)
  await pruneRemovals(deps.db, STALE_WEEK_WINDOW_S)
  for (const { user_id, week } of stale) await weekChanges.weeksChanged(user_id, [week])
  if (stale.length > 0) deps.log.warn({ weeks: stale.length }, 're-queued stale weekly aggregates')
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
