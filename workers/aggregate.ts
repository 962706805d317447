import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from 'bullmq'
import { recomputeWeek } from '../src/db/week-report.js'
import { isFitledgerError } from '../src/errors.js'
import type { Logger } from '../src/log.js'
import { AGGREGATE_QUEUE, type AggregateJob } from '../src/queue/aggregate-queue.js'
import { withDeadline } from './deadline.js'
import { type ReanalyseDeps, reanalyse } from './reanalyse.js'

export interface AggregateWorkerDeps extends ReanalyseDeps {
  readonly connection: ConnectionOptions
  readonly prefix: string
  readonly concurrency: number
  readonly jobTimeoutS: number
  readonly log: Logger
}

/** One job: a week recomputed in full from its source rows, or a user's activities re-analysed. */
export async function processAggregateJob(deps: ReanalyseDeps, job: Job<AggregateJob>): Promise<string> {
  const data = job.data
  if (data.kind === 'week') {
    await recomputeWeek(deps.db, data.user_id, data.week)
    return 'week'
  }
  const count = await reanalyse(deps, data.user_id)
  deps.log.info({ user_id: data.user_id, activities: count }, 'activities re-analysed after a profile change')
  return 'reanalysed'
}

/** Failures retry with backoff; a week that never succeeds is still recomputed on read. */
export function startAggregateWorker(deps: AggregateWorkerDeps): Worker<AggregateJob> {
  const run = (job: Job<AggregateJob>) =>
    withDeadline(deps.jobTimeoutS, `the ${job.data.kind} job`, () => processAggregateJob(deps, job)).catch((err: unknown) => {
      // A stored time zone or week the code rejects: retrying cannot help.
      if (isFitledgerError(err) && err.permanent) throw new UnrecoverableError(err.code)
      throw err
    })
  const worker = new Worker<AggregateJob>(AGGREGATE_QUEUE, run, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency,
  })
  worker.on('error', (err) => deps.log.warn({ err }, 'aggregate worker connection error'))
  worker.on('failed', (job, err) => deps.log.warn({ err, job: job?.data }, 'aggregation job failed'))
  return worker
}
