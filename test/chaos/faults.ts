import { rmSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import type { Fleet } from './fleet.js'
import type { ChaosPostgres, ChaosRedis } from './services.js'

export interface FaultKit {
  readonly fleet: Fleet
  readonly redis: ChaosRedis
  readonly postgres: ChaosPostgres
  readonly storageFaultFile: string
}

export type FaultName = 'kill_worker' | 'restart_redis' | 'restart_postgres' | 'storage_outage' | 'restart_api'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Each fault breaks one thing the way production breaks it, then puts it back. */
export const FAULTS: Record<FaultName, (kit: FaultKit) => Promise<void>> = {
  // SIGKILL: no shutdown hook runs; the job's lock expires and BullMQ hands it to another worker.
  async kill_worker({ fleet }) {
    const victim = fleet.liveWorkers()[0]
    if (victim) await fleet.signal(victim, 'SIGKILL')
    fleet.spawn('work')
  },
  // Redis here keeps nothing on disk: after this every queued job is gone.
  async restart_redis({ redis }) {
    await redis.stop()
    await sleep(1000)
    await redis.start()
  },
  // Connections are cut, and refused for three seconds. Inserts into activities are held for a
  // second first, so the workers' saving transactions are open and waiting when it goes.
  async restart_postgres({ postgres }) {
    const holder = new pg.Client({ connectionString: postgres.url('fitledger') })
    holder.on('error', () => {}) // cut by the stop below
    await holder.connect()
    await holder.query('begin')
    await holder.query('lock table activities in share mode')
    await sleep(1000)
    await postgres.stop()
    await sleep(3000)
    await postgres.start()
  },
  // Every storage call fails for three seconds, in the API and the workers alike.
  async storage_outage({ storageFaultFile }) {
    writeFileSync(storageFaultFile, 'failing')
    await sleep(3000)
    rmSync(storageFaultFile, { force: true })
  },
  // SIGTERM with uploads in flight: the API drains and exits; clients whose request failed retry.
  async restart_api({ fleet }) {
    const api = fleet.api.find((a) => a.exitCode === null && a.signalCode === null)
    if (api) await fleet.signal(api, 'SIGTERM')
    fleet.spawn('serve')
  },
}
