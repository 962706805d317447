/**
 * The aggregation queue: recompute a user's week, or re-analyse a user's activities after a
 * profile change. A queue of its own, beside `ingest`, so that a week's recompute never waits
 * behind a bulk import of thousands of files, and so each has its own retry policy and metrics.
 */
import { type ConnectionOptions, Queue } from 'bullmq'

export const AGGREGATE_QUEUE = 'aggregate'

export type AggregateJob =
  { readonly kind: 'week'; readonly user_id: string; readonly week: string } | { readonly kind: 'reanalyse'; readonly user_id: string }

/**
 * The key that makes many changes cost one run (BullMQ rejects ':' in ids). It is BullMQ's
 * deduplication id rather than the job id: with `keepLastIfActive`, a change that arrives
 * while the week's job is *waiting* is absorbed by it (the job has not read anything yet),
 * and one that arrives while it is *active* (it may have read already) is kept and queued
 * as one more run when the active one finishes. Redis decides both in one script, so no
 * check-then-add race can lose a change, and two runs of a week never overlap.
 */
export function dedupeIdFor(job: AggregateJob): string {
  return job.kind === 'week' ? `week-${job.user_id}-${job.week}` : `reanalyse-${job.user_id}`
}

export const AGGREGATE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
} as const

export function createAggregateQueue(connection: ConnectionOptions, prefix: string): Queue<AggregateJob> {
  return new Queue<AggregateJob>(AGGREGATE_QUEUE, { connection, prefix, defaultJobOptions: AGGREGATE_JOB_OPTIONS })
}

export async function enqueueAggregate(queue: Queue<AggregateJob>, jobs: readonly AggregateJob[]): Promise<void> {
  if (jobs.length === 0) return
  await queue.addBulk(
    jobs.map((data) => ({
      name: data.kind,
      data,
      opts: { deduplication: { id: dedupeIdFor(data), keepLastIfActive: true } },
    })),
  )
}
