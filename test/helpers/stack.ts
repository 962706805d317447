import type { ArchiveCaps } from '../../src/archive/caps.js'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { redisConnection } from '../../src/cli/runtime.js'
import { createUser, issueToken } from '../../src/db/users.js'
import { buildApp } from '../../src/http/app.js'
import type { PressureLimits } from '../../src/http/pressure.js'
import { createLogger, type Logger } from '../../src/log.js'
import { createMetrics } from '../../src/metrics.js'
import { createAggregateQueue } from '../../src/queue/aggregate-queue.js'
import { createIngestQueue } from '../../src/queue/ingest-queue.js'
import { createWeekChanges, type WeekChanges } from '../../src/queue/week-changes.js'
import { LocalObjectStore } from '../../src/storage/local.js'
import type { ObjectStore } from '../../src/storage/object-store.js'
import { type RunningWorker, startWorker } from '../../workers/main.js'
import { createParsePool, type ParsePool } from '../../workers/parse-pool.js'
import { createTestDb, type TestDb } from './db.js'
import { REDIS_URL } from './services-env.js'

export { REDIS_URL }

export interface Stack {
  readonly app: FastifyInstance
  readonly testDb: TestDb
  readonly storage: ObjectStore
  /** The local store's folder (unused when the stack was given another store). */
  readonly objectsDir: string
  readonly queue: ReturnType<typeof createIngestQueue>
  readonly aggregateQueue: ReturnType<typeof createAggregateQueue>
  readonly weekChanges: WeekChanges
  readonly prefix: string
  readonly pool: ParsePool
  /** A second API on the same services, as another process would be. */
  anotherApp(): Promise<FastifyInstance>
  worker: RunningWorker | null
  startWorker(): RunningWorker
  /** A new user and a bearer header for it. */
  user(email?: string): Promise<{ id: string; headers: { authorization: string } }>
  close(): Promise<void>
}

/**
 * The real thing, in-process: Fastify (inject), BullMQ on the local Redis under a prefix of
 * its own, a cloned Postgres database, and a local object store in a temporary folder.
 */
export async function startStack(
  options: {
    worker?: boolean
    maxUploadBytes?: number
    limits?: Partial<PressureLimits>
    archiveCaps?: ArchiveCaps
    /** Another object store (S3 against s3rver); a local folder by default. */
    storage?: ObjectStore
    /** Rate limits counted in Redis (shared across API processes) instead of in memory. */
    sharedRateLimits?: boolean
    /** The API's logger; silent by default. */
    log?: Logger
    /** A job's deadline (JOB_TIMEOUT_S); 600 s by default. */
    jobTimeoutS?: number
    /** Another Redis (one the test may restart); the shared one by default. */
    redisUrl?: string
    /** The worker's reconciler; once an hour by default, so that it stays out of the way. */
    reconcile?: { afterS: number; everyS: number }
  } = {},
): Promise<Stack> {
  const testDb = await createTestDb()
  const dir = await mkdtemp(join(tmpdir(), 'fitledger-objects-'))
  const storage = options.storage ?? new LocalObjectStore(dir)
  const prefix = `fltest-${randomBytes(4).toString('hex')}`
  const redisUrl = options.redisUrl ?? REDIS_URL
  const connection = redisConnection(redisUrl)
  const queue = createIngestQueue(connection, prefix)
  const aggregateQueue = createAggregateQueue(connection, prefix)
  const log = options.log ?? createLogger('silent', { pretty: false })
  const weekChanges = createWeekChanges({ db: testDb.db, aggregateQueue, log })
  const metrics = createMetrics()
  const pool = createParsePool({ limits: { maxUncompressedBytes: 256 * 1024 * 1024 }, threads: 2, heapMb: 384, timeoutS: 60 })
  const rateRedis = options.sharedRateLimits ? new Redis(redisUrl) : null
  const apps: FastifyInstance[] = []
  const makeApp = async () => {
    const made = await buildApp({
      db: testDb.db,
      storage,
      queue,
      weekChanges,
      log,
      metrics: createMetrics(),
      maxUploadBytes: options.maxUploadBytes ?? 20 * 1024 * 1024,
      limits: { uploadsPerMinute: 100_000, reportsPerMinute: 100_000, maxConcurrentUploads: 64, ...options.limits },
      ...(rateRedis ? { rateLimitStore: { redis: rateRedis, prefix } } : {}),
    })
    apps.push(made)
    return made
  }
  const app = await makeApp()
  const stack: Stack = {
    app,
    testDb,
    storage,
    objectsDir: dir,
    queue,
    aggregateQueue,
    weekChanges,
    prefix,
    pool,
    anotherApp: makeApp,
    worker: null,
    startWorker() {
      stack.worker = startWorker({
        db: testDb.db,
        storage,
        queue,
        weekChanges,
        connection,
        prefix,
        log,
        metrics,
        parse: (bytes) => pool.parse(bytes),
        ...(options.archiveCaps ? { archives: { queue, caps: options.archiveCaps } } : {}),
        concurrency: 2,
        reconcileAfterS: options.reconcile?.afterS ?? 3600,
        reconcileEveryS: options.reconcile?.everyS ?? 3600,
        jobTimeoutS: options.jobTimeoutS ?? 600,
      })
      return stack.worker
    },
    async user(email) {
      const user = await createUser(testDb.db, email ?? `u-${randomBytes(4).toString('hex')}@example.test`, null)
      const token = await issueToken(testDb.db, user.id)
      return { id: user.id, headers: { authorization: `Bearer ${token}` } }
    },
    async close() {
      await stack.worker?.close()
      await pool.close()
      for (const a of apps) await a.close()
      if (rateRedis) {
        const keys = await rateRedis.keys(`${prefix}:rate:*`)
        if (keys.length > 0) await rateRedis.del(...keys)
        rateRedis.disconnect()
      }
      await queue.obliterate({ force: true }).catch(() => undefined)
      await queue.close()
      await aggregateQueue.obliterate({ force: true }).catch(() => undefined)
      await aggregateQueue.close()
      await testDb.drop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  if (options.worker !== false) stack.startWorker()
  return stack
}

const FINAL = new Set(['done', 'failed', 'duplicate', 'skipped'])

/** Polls GET /v1/uploads/:id until the upload reaches a final status. */
export async function waitForUpload(
  stack: Stack,
  headers: { authorization: string },
  id: string,
  timeoutMs = 30_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const res = await stack.app.inject({ method: 'GET', url: `/v1/uploads/${id}`, headers })
    const body = res.json() as Record<string, unknown>
    if (FINAL.has(body.status as string)) return body
    if (Date.now() > deadline) throw new Error(`upload ${id} still ${String(body.status)} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** POSTs one file as a raw body (`?filename=`); the new upload's id. */
export async function postFile(stack: Stack, headers: { authorization: string }, filename: string, bytes: Uint8Array): Promise<string> {
  const res = await stack.app.inject({
    method: 'POST',
    url: `/v1/uploads?filename=${encodeURIComponent(filename)}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  })
  if (res.statusCode !== 202) throw new Error(`POST /v1/uploads answered ${res.statusCode}: ${res.body}`)
  return (res.json() as { uploads: { id: string }[] }).uploads[0]!.id
}

/** The environment a `fitledger` command needs to work on this stack; sync keeps its state in `stateDir`. */
export function commandEnv(stack: Stack, stateDir: string): Record<string, string> {
  return {
    DATABASE_URL: stack.testDb.url,
    REDIS_URL,
    STORAGE_URL: `file://${stack.objectsDir}`,
    QUEUE_PREFIX: stack.prefix,
    LOG_LEVEL: 'silent',
    FITLEDGER_STATE_DIR: stateDir,
  }
}

/** Polls `check` until it holds; throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Uploads one file and waits until it is final. */
export async function uploadAndWait(
  stack: Stack,
  headers: { authorization: string },
  filename: string,
  bytes: Uint8Array,
): Promise<Record<string, unknown>> {
  return waitForUpload(stack, headers, await postFile(stack, headers, filename, bytes))
}

/** A GET that must answer 200: its JSON. */
export async function getOk(stack: Stack, headers: { authorization: string }, url: string): Promise<Record<string, unknown>> {
  const res = await stack.app.inject({ url, headers })
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}: ${res.body}`)
  return res.json() as Record<string, unknown>
}
