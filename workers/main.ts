import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from 'bullmq'
import { FitledgerError, isFileFault } from '../src/errors.js'
import { DEFAULT_ARCHIVE_CAPS } from '../src/archive/caps.js'
import { finishParentOf } from '../src/db/archives.js'
import { failUpload } from '../src/db/uploads.js'
import type { Logger } from '../src/log.js'
import type { Metrics } from '../src/metrics.js'
import { INGEST_QUEUE, type IngestJob } from '../src/queue/ingest-queue.js'
import type { WeekChanges } from '../src/queue/week-changes.js'
import { startAggregateWorker } from './aggregate.js'
import { withDeadline } from './deadline.js'
import { type IngestDeps, ingest } from './ingest.js'
import type { ReanalyseDeps } from './reanalyse.js'
import { type ReconcileDeps, startReconciler } from './reconcile.js'

export interface WorkerDeps extends IngestDeps, ReconcileDeps, ReanalyseDeps {
  readonly weekChanges: WeekChanges
  readonly connection: ConnectionOptions
  readonly prefix: string
  readonly concurrency: number
  readonly reconcileAfterS: number
  readonly reconcileEveryS: number
  /** JOB_TIMEOUT_S: past it a job is given up and retried. */
  readonly jobTimeoutS: number
  readonly metrics: Metrics
  readonly log: Logger
}

export interface RunningWorker {
  readonly worker: Worker<IngestJob>
  close(): Promise<void>
}

/** The only code that knows about BullMQ retries: bad input fails at once, the rest retries. */
async function processJob(deps: WorkerDeps, job: Job<IngestJob>): Promise<string> {
  const uploadId = job.data.upload_id
  const log = deps.log.child({ upload_id: uploadId, attempt: job.attemptsMade + 1 })
  const timer = deps.metrics.jobSeconds.startTimer()
  try {
    const outcome = await withDeadline(deps.jobTimeoutS, 'processing the upload', () => ingest(deps, uploadId))
    const status = outcome === 'already_final' ? 'already_final' : outcome.status
    timer({ outcome: status })
    deps.metrics.jobs.inc({ outcome: status })
    log.debug({ status }, 'upload processed')
    return status
  } catch (err) {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
    if (isFileFault(err)) {
      await failUpload(deps.db, uploadId, err)
      await finishParentOf(deps.db, uploadId) // a failed child still counts towards its archive's end
      timer({ outcome: 'failed' })
      deps.metrics.jobs.inc({ outcome: 'failed' })
      deps.metrics.jobFailures.inc({ code: err.code })
      log.info({ code: err.code, reason: err.message }, 'upload failed')
      throw new UnrecoverableError(err.code)
    }
    if (lastAttempt) {
      // Our own failure, out of retries: the upload must still reach a final status.
      await failUpload(deps.db, uploadId, new FitledgerError('internal', 'processing failed repeatedly; try again later'))
      await finishParentOf(deps.db, uploadId)
      deps.metrics.jobFailures.inc({ code: 'internal' })
      deps.metrics.jobs.inc({ outcome: 'failed' })
      log.error({ err }, 'upload failed after its last attempt')
    } else {
      deps.metrics.jobs.inc({ outcome: 'retried' })
      log.warn({ err }, 'upload processing failed; will retry')
    }
    timer({ outcome: 'error' })
    throw err
  }
}

export function startWorker(given: WorkerDeps): RunningWorker {
  // Archive uploads expand into children on the same queue, under the configured caps.
  const deps: WorkerDeps = { ...given, archives: given.archives ?? { queue: given.queue, caps: DEFAULT_ARCHIVE_CAPS } }
  const worker = new Worker<IngestJob>(INGEST_QUEUE, (job) => processJob(deps, job), {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency,
  })
  worker.on('error', (err) => deps.log.warn({ err }, 'worker connection error'))
  const reconciler = startReconciler(deps, deps.reconcileAfterS, deps.reconcileEveryS)
  const aggregator = startAggregateWorker(deps)
  return {
    worker,
    async close() {
      await reconciler.stop()
      // Waits for running jobs to finish; BullMQ hands unfinished ones to another worker.
      await worker.close()
      await aggregator.close()
    },
  }
}
