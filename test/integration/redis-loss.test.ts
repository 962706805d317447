import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { generateWorkload, type WorkloadFile } from '../../fixtures/workload.js'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/log.js'
import { jobIdFor } from '../../src/queue/ingest-queue.js'
import { recoverLostJobs } from '../../workers/reconcile.js'
import { ChaosRedis, freePort } from '../chaos/services.js'
import { type Stack, startStack } from '../helpers/stack.js'

// Redis here keeps nothing on disk (issue 10, item 9). When it comes back empty, every accepted
// upload must still finish, and soon: the loss itself must set recovery going, not the uploads'
// age. The worker's reconciler runs at its production setting (RECONCILE_AFTER_S 120 s, a pass
// every 30 s), so the deadline below is one that waiting for uploads to look old cannot meet.
const { RECONCILE_AFTER_S, RECONCILE_EVERY_S } = loadConfig({})
const DEADLINE_MS = 20_000

let redis: ChaosRedis
let stack: Stack

beforeAll(async () => {
  redis = new ChaosRedis(await freePort()) // our own: the shared Redis is never restarted
  await redis.start()
  stack = await startStack({
    worker: false,
    redisUrl: `redis://127.0.0.1:${redis.port}`,
    reconcile: { afterS: RECONCILE_AFTER_S, everyS: RECONCILE_EVERY_S },
  })
})
afterEach(async () => {
  await stack.worker?.close()
  stack.worker = null
})
afterAll(async () => {
  await stack?.close()
  await redis?.stop()
})

async function uploadAll(files: readonly WorkloadFile[]): Promise<string[]> {
  const user = await stack.user()
  const ids: string[] = []
  for (const file of files) {
    const res = await stack.app.inject({
      method: 'POST',
      url: `/v1/uploads?filename=${file.name}`,
      headers: { ...user.headers, 'content-type': 'application/octet-stream' },
      body: Buffer.from(file.bytes),
    })
    expect(res.statusCode, res.body).toBe(202)
    ids.push((res.json() as { uploads: { id: string }[] }).uploads[0]!.id)
  }
  for (const id of ids) expect(await stack.queue.getJob(jobIdFor(id))).toBeDefined()
  return ids
}

/** As a worker that died mid-job leaves it: claimed in Postgres, its job in Redis. */
async function claim(id: string): Promise<void> {
  await stack.testDb.db.updateTable('uploads').set({ status: 'processing' }).where('id', '=', id).execute()
}

async function restartRedisEmpty(ids: readonly string[]): Promise<void> {
  await redis.stop()
  await redis.start()
  for (const id of ids) expect(await stack.queue.getJob(jobIdFor(id))).toBeUndefined()
}

/** Statuses once none is queued or processing any more, or at the deadline. */
async function statusesBy(ids: readonly string[], deadlineMs: number): Promise<string[]> {
  const deadline = Date.now() + deadlineMs
  for (;;) {
    const rows = await stack.testDb.db
      .selectFrom('uploads')
      .select('status')
      .where('id', 'in', [...ids])
      .execute()
    const statuses = rows.map((r) => r.status).sort()
    if (statuses.every((s) => s !== 'queued' && s !== 'processing') || Date.now() > deadline) return statuses
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('after Redis restarts empty', () => {
  it('a running worker queues every unfinished upload again at once', async () => {
    const running = stack.startWorker()
    await running.worker.pause() // the jobs wait in Redis, as under a backlog, when it goes
    const ids = await uploadAll(generateWorkload(4, 3, Date.UTC(2023, 0, 2, 7)))
    await claim(ids[0]!)
    await restartRedisEmpty(ids)
    running.worker.resume()
    expect(await statusesBy(ids, DEADLINE_MS)).toEqual(['done', 'done', 'done', 'done'])
  })

  it('a worker that starts on an empty Redis (a whole machine restarted) finishes them too', async () => {
    const ids = await uploadAll(generateWorkload(4, 5, Date.UTC(2023, 5, 5, 7)))
    await claim(ids[1]!)
    await restartRedisEmpty(ids)
    stack.startWorker()
    expect(await statusesBy(ids, DEADLINE_MS)).toEqual(['done', 'done', 'done', 'done'])
  })
})

describe('recovering lost jobs', () => {
  it('pages through every unfinished upload, and queues only those without a job', async () => {
    const ids = await uploadAll(generateWorkload(5, 9, Date.UTC(2023, 8, 4, 7)))
    await restartRedisEmpty(ids)
    const deps = { db: stack.testDb.db, queue: stack.queue, log: createLogger('silent', { pretty: false }) }
    expect(await recoverLostJobs(deps, 2)).toBe(5) // pages of 2, 2 and 1
    for (const id of ids) expect(await stack.queue.getJob(jobIdFor(id))).toBeDefined()
    expect(await recoverLostJobs(deps, 2)).toBe(0)
  })
})
