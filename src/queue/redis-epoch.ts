/**
 * One life of Redis's data. Redis here keeps nothing on disk, so a restart (or a whole machine's)
 * forgets every job at once. A key written beside the ingest queue goes with them: the first
 * worker to find it gone writes a new one, and every worker that reads an epoch it has not seen
 * knows that jobs may be lost, without waiting for uploads to look old (issue 10, item 9).
 */
import { randomUUID } from 'node:crypto'
import type { Queue } from 'bullmq'
import { FitledgerError } from '../errors.js'
import type { IngestJob } from './ingest-queue.js'

/** Inside the queue's own key space, so that an obliterated queue counts as lost too. */
export function epochKey(queue: Queue<IngestJob>): string {
  return queue.toKey('fitledger-epoch')
}

/** The current epoch, writing a new one when Redis has none. Throws while Redis is unreachable. */
export async function currentEpoch(queue: Queue<IngestJob>): Promise<string> {
  const client = await queue.client
  const key = epochKey(queue)
  const seen = await client.get(key)
  if (seen !== null) return seen
  // Two workers may race here and each write its own: the loser reads the winner's next time
  // and recovers once more, which is harmless.
  await client.set(key, randomUUID())
  const written = await client.get(key)
  if (written === null) throw new FitledgerError('internal', 'the Redis epoch vanished as it was written')
  return written
}
