import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './tables.js'

// Postgres returns bigint (int8) as text by default; counts and sizes here fit in a double.
pg.types.setTypeParser(20, (v) => Number(v))

export interface DbOptions {
  readonly max?: number
  /** Server-side deadlines (0 or absent: none): one statement, one lock wait, an idle open transaction. */
  readonly statementTimeoutMs?: number
  readonly lockTimeoutMs?: number
  readonly idleInTransactionTimeoutMs?: number
  /** How long to wait for a connection, a new one or a free one from a full pool (0: for ever). */
  readonly connectionTimeoutMs?: number
  /** Told when a connection dies under us (a Postgres restart); the pool opens a new one. */
  readonly onConnectionLost?: (err: Error) => void
}

/** Server settings sent with each new connection; pg passes them in the startup message. */
function sessionSettings(options: DbOptions): pg.ClientConfig {
  return {
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.lockTimeoutMs ? { lock_timeout: options.lockTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
    // A peer that vanished without a FIN (a crashed host) is found by the kernel, not never.
    keepAlive: true,
  }
}

/**
 * A pool whose connections may die at any time without taking the process with them. pg-pool
 * listens for a client's 'error' only while the client is idle in the pool; a client checked
 * out (inside a transaction that waits on other work, say) has no listener, and an 'error'
 * event without one is an uncaught exception (brianc/node-postgres#1324, #2439). So every
 * client gets a listener of its own for its whole life. The query that was using it rejects
 * as usual, and the pool drops the broken client when it is released.
 */
export function connectDb(databaseUrl: string, options: DbOptions = {}): Kysely<Database> {
  const lost = options.onConnectionLost ?? (() => {})
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 0,
    ...sessionSettings(options),
  })
  pool.on('connect', (client) => client.on('error', lost))
  pool.on('error', lost)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  pools.set(db, pool)
  return db
}

export interface PoolStats {
  readonly max: number
  readonly total: number
  readonly idle: number
  /** Callers waiting for a connection: above 0 for long, the pool is too small. */
  readonly waiting: number
}

const pools = new WeakMap<Kysely<Database>, pg.Pool>()

/** The connection pool behind a Kysely made by connectDb, for /metrics. */
export function poolStats(db: Kysely<Database>): PoolStats | undefined {
  const pool = pools.get(db)
  if (!pool) return undefined
  return { max: pool.options.max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string, options: Pick<DbOptions, 'connectionTimeoutMs'> = {}): Promise<boolean> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!name) return false
  const admin = new URL(databaseUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: options.connectionTimeoutMs ?? 0 })
  client.on('error', () => {}) // a restart mid-check rejects the query below; it must not crash us
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name])
    if (found.rowCount) return false
    await client.query(`create database "${name.replaceAll('"', '""')}"`)
    return true
  } catch (err) {
    // Another process created it between our check and our create.
    if ((err as { code?: string }).code === '42P04') return false
    throw err
  } finally {
    await client.end()
  }
}
