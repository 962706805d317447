import type { ConnectionOptions, Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { existsSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { Migrator } from 'kysely'
import type { Config } from '../config.js'
import { connectDb, type DbOptions, ensureDatabase } from '../db/connect.js'
import { FolderMigrationProvider } from '../db/migrate.js'
import type { Logger } from '../log.js'
import type { Database } from '../db/tables.js'
import { type AggregateJob, createAggregateQueue } from '../queue/aggregate-queue.js'
import { createIngestQueue, type IngestJob } from '../queue/ingest-queue.js'
import { withFaults } from '../storage/faulty.js'
import { createObjectStore, relativeStorageRoot } from '../storage/from-url.js'
import { postgresDownHint, redisDownHint } from './service-hints.js'
import type { ObjectStore } from '../storage/object-store.js'

/** A service fitledger needs is down; the message says how to start it. Printed as one line. */
export class ServiceDownError extends Error {
  override readonly name = 'ServiceDownError'
}

export interface Services {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  readonly queue: Queue<IngestJob>
  readonly aggregateQueue: Queue<AggregateJob>
  readonly connection: ConnectionOptions
  /** A plain client for the API's shared rate limits; fails fast while Redis is down. */
  readonly redis: Redis
  close(): Promise<void>
}

export function redisConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl)
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number(url.pathname.replace('/', '') || 0),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis and must retry forever rather than fail a command.
    maxRetriesPerRequest: null,
  }
}

function isConnectionRefused(err: unknown): boolean {
  const code = (err as { code?: string }).code
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH'
}

/** The API's requests each hold a connection for a query or two at a time. */
const API_POOL_SIZE = 20

/**
 * Connections one process needs. A job holds one at a time, and a worker runs
 * WORKER_CONCURRENCY ingest jobs and as many aggregate jobs, beside the reconciler and a spare.
 */
export function poolSizeFor(config: Config, runs: { api?: boolean; worker?: boolean }): number {
  if (config.PG_POOL_MAX !== undefined) return config.PG_POOL_MAX
  return (runs.api ? API_POOL_SIZE : 0) + (runs.worker ? 2 * config.WORKER_CONCURRENCY + 2 : 0) || 2
}

/** The configured deadlines: a statement, a lock wait, an idle transaction, a connection. */
export function dbOptions(config: Config, max: number): DbOptions {
  return {
    max,
    statementTimeoutMs: config.PG_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.PG_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectionTimeoutMs: config.PG_CONNECT_TIMEOUT_MS,
  }
}

export async function checkPostgres(databaseUrl: string, connectionTimeoutMs = 10_000): Promise<void> {
  try {
    await ensureDatabase(databaseUrl, { connectionTimeoutMs })
  } catch (err) {
    const where = new URL(databaseUrl).host
    if (isConnectionRefused(err)) throw new ServiceDownError(postgresDownHint(databaseUrl))
    throw new ServiceDownError(`Postgres at ${where} refused us: ${(err as Error).message}`)
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.ping()
  } catch {
    throw new ServiceDownError(redisDownHint(redisUrl))
  } finally {
    client.disconnect()
  }
}

export async function assertMigrated(db: Kysely<Database>): Promise<void> {
  const migrations = await new Migrator({ db, provider: new FolderMigrationProvider() }).getMigrations()
  const pending = migrations.filter((m) => m.executedAt === undefined)
  if (pending.length > 0) {
    throw new ServiceDownError(`the database has ${pending.length} pending migration(s): run \`npx fitledger migrate\` first`)
  }
}

/** Connects to Postgres, Redis and storage, with a one-line message for whichever is down. */
export async function openServices(config: Config, options: { poolSize?: number; log?: Logger } = {}): Promise<Services> {
  await checkPostgres(config.DATABASE_URL, config.PG_CONNECT_TIMEOUT_MS)
  await checkRedis(config.REDIS_URL)
  const db = connectDb(config.DATABASE_URL, dbOptions(config, options.poolSize ?? poolSizeFor(config, {})))
  const faultFile = config.STORAGE_FAULT_FILE
  const storage = faultFile
    ? withFaults(createObjectStore(config), {
        get failing() {
          return existsSync(faultFile)
        },
      })
    : createObjectStore(config)
  try {
    await assertMigrated(db)
    await storage.check().catch((err: Error) => {
      throw new ServiceDownError(`storage at ${config.STORAGE_URL} is not usable: ${err.message}`)
    })
  } catch (err) {
    await db.destroy()
    throw err
  }
  // Said once the services answer, so that a command that cannot start prints its one line only.
  const relativeRoot = relativeStorageRoot(config)
  if (relativeRoot) {
    options.log?.warn(
      { storage_root: relativeRoot },
      'STORAGE_URL is a relative file:// path: every API and worker must start in the same directory to share it',
    )
  }
  const connection = redisConnection(config.REDIS_URL)
  // The API's producer fails fast while Redis is down (the reconciler queues the upload later)
  // instead of holding the request open.
  const queue = createIngestQueue({ ...connection, enableOfflineQueue: false } as ConnectionOptions, config.QUEUE_PREFIX)
  queue.on('error', () => {})
  // Likewise for week recomputes: a stale week is recomputed when a report reads it.
  const aggregateQueue = createAggregateQueue({ ...connection, enableOfflineQueue: false } as ConnectionOptions, config.QUEUE_PREFIX)
  aggregateQueue.on('error', () => {})
  // Connected before use or close: a command that never queues a week (import) would otherwise
  // close it mid-handshake, and ioredis rejects its ready check without an offline queue.
  await aggregateQueue.waitUntilReady().catch(() => undefined)
  const redis = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  redis.on('error', () => {})
  return {
    db,
    storage,
    queue,
    aggregateQueue,
    connection,
    redis,
    async close() {
      redis.disconnect()
      await queue.close()
      await aggregateQueue.close()
      await storage.close?.()
      await db.destroy()
    },
  }
}

/** Runs a short command against a migrated database, and closes it whatever happens. */
export async function withDatabase<T>(databaseUrl: string, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  await checkPostgres(databaseUrl)
  const db = connectDb(databaseUrl, { max: 2 })
  try {
    await assertMigrated(db)
    return await work(db)
  } finally {
    await db.destroy()
  }
}
