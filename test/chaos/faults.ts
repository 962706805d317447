import { rmSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import type { Fleet } from './fleet.js'
import type { ChaosPostgres, ChaosRedis } from './services.js'

export interface FaultKit {
  readonly fleet: Fleet
  readonly redis: ChaosRedis
  readonly postgres: ChaosPostgres
  readonly databaseUrl: string
  readonly storageFaultFile: string
}

export type FaultName = 'kill_worker' | 'restart_redis' | 'restart_postgres' | 'storage_outage' | 'restart_api'

/** What a Postgres restart cut: transactions open at the moment it stopped. */
export interface OpenTransactions {
  /** One the run holds itself, so that a restart always meets an open transaction. */
  readonly heldByRun: boolean
  /** fitledger's own, seen in pg_stat_activity just before the stop. */
  readonly byFitledger: number
}

export interface FaultOutcome {
  readonly openTransactions?: OpenTransactions
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const HELD = 'chaos-held-transaction'

/** Each fault breaks one thing the way production breaks it, then puts it back. */
export const FAULTS: Record<FaultName, (kit: FaultKit) => Promise<FaultOutcome>> = {
  // SIGKILL: no shutdown hook runs; the job's lock expires and BullMQ hands it to another worker.
  async kill_worker({ fleet }) {
    const victim = fleet.liveWorkers()[0]
    if (victim) await fleet.signal(victim, 'SIGKILL')
    fleet.spawn('work')
    await fleet.ready()
    return {}
  },
  // Redis here keeps nothing on disk: after this every queued job is gone.
  async restart_redis({ redis }) {
    await redis.stop()
    await sleep(1000)
    await redis.start()
    return {}
  },
  // Connections are cut, and refused for three seconds, while transactions are open: one the
  // run holds, and whatever fitledger has open when it is busiest (a checked-out client that
  // sits idle in its transaction is the one that crashed a worker, issue 10).
  async restart_postgres({ postgres, databaseUrl }) {
    const held = new pg.Client({ connectionString: databaseUrl, application_name: HELD })
    held.on('error', () => {}) // the restart cuts it, as intended
    await held.connect()
    await held.query('begin')
    await held.query('select count(*) from uploads') // takes a snapshot: the transaction is open
    const byFitledger = await openAppTransactions(databaseUrl, 5000)
    await postgres.stop()
    await held.end().catch(() => undefined)
    await sleep(3000)
    await postgres.start()
    return { openTransactions: { heldByRun: true, byFitledger } }
  },
  // Every storage call fails for three seconds, in the API and the workers alike.
  async storage_outage({ storageFaultFile }) {
    writeFileSync(storageFaultFile, 'failing')
    await sleep(3000)
    rmSync(storageFaultFile, { force: true })
    return {}
  },
  // SIGTERM with uploads in flight: the API drains and exits; clients whose request failed retry.
  async restart_api({ fleet }) {
    const api = fleet.liveApis()[0]
    if (api) await fleet.signal(api, 'SIGTERM')
    fleet.spawn('serve')
    await fleet.ready()
    return {}
  },
}

/**
 * Waits (up to `withinMs`) until fitledger has a transaction open, and returns how many it has.
 * A separate connection polls: pg_stat_activity inside a transaction is a snapshot.
 */
async function openAppTransactions(databaseUrl: string, withinMs: number): Promise<number> {
  const probe = new pg.Client({ connectionString: databaseUrl })
  probe.on('error', () => {})
  await probe.connect()
  try {
    const deadline = Date.now() + withinMs
    for (;;) {
      const { rows } = await probe.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where backend_type = 'client backend' and xact_start is not null
            and pid <> pg_backend_pid() and application_name <> $1 and datname = current_database()`,
        [HELD],
      )
      const n = rows[0]?.n ?? 0
      if (n > 0 || Date.now() > deadline) return n
      await sleep(5)
    }
  } finally {
    await probe.end()
  }
}
