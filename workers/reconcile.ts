import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import { findOpenArchives, finishArchive } from '../src/db/archives.js'
import { usersAwaitingReanalysis } from '../src/db/profiles.js'
import { findStaleWeeks, pruneRemovals } from '../src/db/stale-weeks.js'
import type { Database } from '../src/db/tables.js'
import { findStuckUploads, findUnfinishedUploads, touchUploads } from '../src/db/uploads.js'
import type { Logger } from '../src/log.js'
import { enqueueUploads, type IngestJob, requeueUploads, uploadsWithoutJob } from '../src/queue/ingest-queue.js'
import { currentEpoch } from '../src/queue/redis-epoch.js'
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
/** Each worker reads the Redis epoch this often: one GET. */
const EPOCH_CHECK_MS = 1000
/** Uploads checked against Redis per round trip when jobs may be lost. */
const RECOVERY_BATCH = 500

/**
 * Redis here keeps nothing on disk, and an enqueue can fail after the upload row committed.
 * Postgres is the record: any upload left queued or processing for too long is queued again.
 * Job ids make this safe to run from every worker at once.
 */
export async function reconcileOnce(deps: ReconcileDeps, afterS: number): Promise<number> {
  await requeueSideJobs(deps, afterS)
  const stuck = await findStuckUploads(deps.db, afterS)
  if (stuck.length === 0) return 0
  const requeued = await requeueUploads(deps.queue, stuck)
  await touchUploads(deps.db, stuck) // checked: leave them alone for another `afterS`
  if (requeued > 0) deps.log.warn({ requeued, stuck: stuck.length }, 're-queued uploads whose job was lost')
  return requeued
}

/**
 * When Redis has lost its data (or may have: at start-up, or after it was unreachable), nothing
 * waits for uploads to look old: every upload that should have a job and has none in Redis is
 * queued again at once, and so are the re-analyses and week recomputes that were pending.
 */
export async function recoverLostJobs(deps: ReconcileDeps, batch = RECOVERY_BATCH): Promise<number> {
  await requeueSideJobs(deps, 0)
  let requeued = 0
  for (let after: string | null = null; ;) {
    const page = await findUnfinishedUploads(deps.db, after, batch)
    if (page.length === 0) break
    // Known to have no job: added in one round trip; a job added meanwhile keeps its id.
    const lost = await uploadsWithoutJob(deps.queue, page)
    await enqueueUploads(deps.queue, lost)
    requeued += lost.length
    after = page[page.length - 1]!
  }
  if (requeued > 0) deps.log.warn({ requeued }, 're-queued uploads whose job Redis lost')
  return requeued
}

/** Archives left open by a crash, and the aggregation jobs Redis lost (`settleS` after the change). */
async function requeueSideJobs(deps: ReconcileDeps, settleS: number): Promise<void> {
  // An expanded archive ends with its last child; a crash between the two leaves it open.
  for (const id of await findOpenArchives(deps.db)) await finishArchive(deps.db, id)
  if (!deps.weekChanges) return
  for (const userId of await usersAwaitingReanalysis(deps.db, settleS)) await deps.weekChanges.reanalyse(userId)
  // Week recomputes are jobs in Redis too: a week whose sources moved but whose row did not is queued again.
  const stale = await findStaleWeeks(deps.db, STALE_WEEK_WINDOW_S, settleS)
  await pruneRemovals(deps.db, STALE_WEEK_WINDOW_S) // removals older than the window have been seen
  for (const { user_id, week } of stale) await deps.weekChanges.weeksChanged(user_id, [week])
  if (stale.length > 0) deps.log.warn({ weeks: stale.length }, 're-queued stale weekly aggregates')
}

/**
 * Runs now and then every `everyS` seconds until stopped; a failed pass is retried next time.
 * Beside it, the epoch watch notices at once when Redis lost its data.
 */
export function startReconciler(deps: ReconcileDeps, afterS: number, everyS: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const pass = () => {
    running = reconcileOnce(deps, afterS).catch((err: unknown) => deps.log.warn({ err }, 'reconcile pass failed'))
  }
  pass()
  const timer = setInterval(pass, everyS * 1000)
  timer.unref()
  const watch = watchRedisEpoch(deps)
  return {
    async stop() {
      clearInterval(timer)
      await watch.stop()
      await running
    },
  }
}

/**
 * Reads the Redis epoch (queue/redis-epoch.ts) every second, and recovers lost jobs when it is
 * one this worker has not seen: its first look, at start-up, counts (after a whole machine
 * restarted, Redis is empty and no epoch has changed under anyone's eyes). Recovery runs too
 * after Redis was unreachable, when an API may have accepted uploads it could not queue, and
 * again until it has succeeded once (Postgres may be down as well).
 */
export function watchRedisEpoch(deps: ReconcileDeps, everyMs = EPOCH_CHECK_MS): { stop(): Promise<void> } {
  let seen: string | null = null
  let unsure = true
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const look = async () => {
    try {
      const epoch = await currentEpoch(deps.queue)
      if (epoch === seen && !unsure) return
      if (seen !== null && epoch !== seen) deps.log.warn('Redis lost its data: queueing again every upload whose job is gone')
      await recoverLostJobs(deps)
      seen = epoch
      unsure = false
    } catch (err) {
      if (!unsure) deps.log.warn({ err }, 'cannot check Redis for lost jobs; will recover once it answers')
      unsure = true
    }
  }
  const loop = () => {
    running = look().finally(() => {
      if (stopped) return
      timer = setTimeout(loop, everyMs)
      timer.unref()
    })
  }
  loop()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
