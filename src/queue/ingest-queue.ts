import { type ConnectionOptions, Queue } from 'bullmq'

export const INGEST_QUEUE = 'ingest'

export interface IngestJob {
  readonly upload_id: string
}

/** Derived from the upload id, so one upload can never be queued twice (BullMQ rejects ':'). */
export function jobIdFor(uploadId: string): string {
  return `upload-${uploadId}`
}

export const INGEST_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 }, // 1, 2, 4, 8, 16 s: rides out a restart
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
} as const

export function createIngestQueue(connection: ConnectionOptions, prefix: string): Queue<IngestJob> {
  return new Queue<IngestJob>(INGEST_QUEUE, { connection, prefix, defaultJobOptions: INGEST_JOB_OPTIONS })
}

export async function enqueueUploads(queue: Queue<IngestJob>, uploadIds: readonly string[]): Promise<void> {
  if (uploadIds.length === 0) return
  await queue.addBulk(uploadIds.map((id) => ({ name: 'ingest', data: { upload_id: id }, opts: { jobId: jobIdFor(id) } })))
}

/**
 * Queues uploads again whose job may be lost. A job still waiting or running keeps its id,
 * so adding it again is a no-op; a finished or failed job is removed first.
 */
export async function requeueUploads(queue: Queue<IngestJob>, uploadIds: readonly string[]): Promise<number> {
  let added = 0
  for (const id of uploadIds) {
    const job = await queue.getJob(jobIdFor(id))
    if (job) {
      const state = await job.getState()
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue
      await job.remove().catch(() => undefined) // it may have been removed meanwhile
    }
    await enqueueUploads(queue, [id])
    added += 1
  }
  return added
}

/**
 * Of these uploads, those that have no job in Redis at all. The commands go out together on the
 * one connection, so a page of uploads costs about one round trip.
 */
export async function uploadsWithoutJob(queue: Queue<IngestJob>, uploadIds: readonly string[]): Promise<string[]> {
  const client = await queue.client
  const found = await Promise.all(uploadIds.map((id) => client.hexists(queue.toKey(jobIdFor(id)), 'name')))
  return uploadIds.filter((_, i) => found[i] === 0)
}
