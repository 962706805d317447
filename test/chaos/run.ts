import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateWorkload, type WorkloadFile } from '../../fixtures/workload.js'
import { connectDb } from '../../src/db/connect.js'
import { createUser, issueToken } from '../../src/db/users.js'
import { CORPUS_DIR, HAVE_CORPUS } from '../helpers/corpus.js'
import { buildZip } from '../helpers/zip.js'
import { FAULTS, type FaultName } from './faults.js'
import { Fleet } from './fleet.js'
import { ChaosPostgres, ChaosRedis, freePort } from './services.js'
import { type ChaosReport, checkOutcome } from './verify.js'
import { uploadWithRetry } from './upload.js'

export interface ChaosOptions {
  readonly files: number
  /** Activities in one export zip uploaded first, expanded by the workers while faults hit. */
  readonly archiveOf: number
  readonly workers: number
  readonly faults: readonly FaultName[]
  readonly corpus: boolean
  readonly settleTimeoutS: number
  readonly log: (line: string) => void
}

function corpusFiles(): WorkloadFile[] {
  if (!HAVE_CORPUS) return []
  return ['fit', 'gpx', 'tcx', 'gz'].flatMap((dir) =>
    readdirSync(join(CORPUS_DIR, dir)).map((name) => ({ name, bytes: readFileSync(join(CORPUS_DIR, dir, name)) })),
  ).filter((f) => f.bytes.length > 0)
}

/** An export of activities on days of their own (2022 on), so none duplicates the single files. */
async function exportZip(count: number): Promise<WorkloadFile> {
  const entries = generateWorkload(count, 11, Date.UTC(2022, 0, 1, 7)).map((f) => ({ name: `activities/${f.name}`, bytes: f.bytes }))
  return { name: 'export.zip', bytes: await buildZip(entries) }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Starts its own Redis and Postgres, an API and several workers, uploads files while it injects
 * faults, then waits for every accepted upload to finish and checks that nothing was lost or
 * duplicated.
 */
export type ChaosRunReport = ChaosReport & {
  /** fitledger processes that died although the run did not kill them. */
  readonly unexpectedExits: readonly string[]
}

export async function runChaos(options: ChaosOptions): Promise<ChaosRunReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fitledger-chaos-'))
  chmodSync(dir, 0o755) // the postgres user must reach its cluster inside
  const redis = new ChaosRedis(await freePort())
  const postgres = new ChaosPostgres(join(dir, 'pg'), await freePort())
  const port = await freePort()
  const storageFaultFile = join(dir, 'storage-fault')
  const env = {
    DATABASE_URL: postgres.url('fitledger'),
    REDIS_URL: `redis://127.0.0.1:${redis.port}`,
    STORAGE_URL: `file://${join(dir, 'objects')}`,
    STORAGE_FAULT_FILE: storageFaultFile,
    PORT: String(port),
    METRICS_PORT: '0', // several workers on one host
    WORKER_CONCURRENCY: '2',
    RECONCILE_AFTER_S: '5',
    RECONCILE_EVERY_S: '2',
    RATE_LIMIT_UPLOADS_PER_MIN: '1000000',
    LOG_LEVEL: 'warn',
  }
  const fleet = new Fleet(env, options.log)
  try {
    await redis.start()
    await postgres.init()
    await fleet.run('migrate')
    const db = connectDb(env.DATABASE_URL, { max: 2 })
    const user = await createUser(db, 'chaos@example.test', null)
    const token = await issueToken(db, user.id)
    await db.destroy()

    fleet.spawn('serve')
    for (let i = 0; i < options.workers; i++) fleet.spawn('work')
    const archive: WorkloadFile[] = options.archiveOf > 0 ? [await exportZip(options.archiveOf)] : []
    const files = [...archive, ...generateWorkload(options.files), ...(options.corpus ? corpusFiles() : [])]
    options.log(`uploading ${files.length} files with ${options.workers} workers; faults: ${options.faults.join(', ')}`)

    const accepted: string[] = []
    let clientRetries = 0
    let lastFaultAt = Date.now()
    const faultsDone = (async () => {
      await sleep(3000)
      for (const fault of options.faults) {
        options.log(`fault: ${fault}`)
        await FAULTS[fault]({ fleet, redis, postgres, storageFaultFile })
        lastFaultAt = Date.now()
        await sleep(2500)
      }
    })()
    // Faults start after 3 s and take about 5 s each: keep uploading through all of them.
    const windowMs = 3000 + options.faults.length * 5000 + 2000
    const uploads = uploadWithRetry(`http://127.0.0.1:${port}`, token, files, 4, windowMs, (id) => accepted.push(id), () => (clientRetries += 1))
    await Promise.all([faultsDone, uploads])
    options.log(`all ${accepted.length} uploads accepted (${clientRetries} client retries); waiting for them to finish`)
    const report = await checkOutcome(env.DATABASE_URL, accepted, {
      faults: options.faults,
      clientRetries,
      lastFaultAt,
      settleTimeoutS: options.settleTimeoutS,
    })
    return { ...report, unexpectedExits: [...fleet.unexpectedExits] }
  } finally {
    await fleet.stopAll()
    await redis.stop()
    await postgres.stop().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}
