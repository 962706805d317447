import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateRecodings, generateWorkload, type WorkloadFile } from '../../fixtures/workload.js'
import { connectDb } from '../../src/db/connect.js'
import { createUser, issueToken } from '../../src/db/users.js'
import { CORPUS_DIR, HAVE_CORPUS } from '../helpers/corpus.js'
import { buildZip } from '../helpers/zip.js'
import { FAULTS, type FaultName, type OpenTransactions } from './faults.js'
import { Fleet } from './fleet.js'
import { ChaosPostgres, ChaosRedis, freePort } from './services.js'
import { type ChaosReport, checkOutcome } from './verify.js'
import { ClientTally, readWhile, uploadWithRetry } from './upload.js'

export interface ChaosOptions {
  readonly files: number
  /** Every n-th file is sent a second time in another format (FIT as GPX, say): the duplicate rules must match it. */
  readonly recodeEvery: number
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
  return ['fit', 'gpx', 'tcx', 'gz']
    .flatMap((dir) => readdirSync(join(CORPUS_DIR, dir)).map((name) => ({ name, bytes: readFileSync(join(CORPUS_DIR, dir, name)) })))
    .filter((f) => f.bytes.length > 0)
}

/** An export of activities on days of their own (2022 on), so none duplicates the single files. */
async function exportZip(count: number): Promise<WorkloadFile> {
  const entries = generateWorkload(count, 11, Date.UTC(2022, 0, 1, 7)).map((f) => ({ name: `activities/${f.name}`, bytes: f.bytes }))
  return { name: 'export.zip', bytes: await buildZip(entries) }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The workload with each recoding right after its original, so that two workers race to save them. */
function workloadWithRecodings(count: number, every: number): WorkloadFile[] {
  const recodings = every > 0 ? generateRecodings(count, every) : []
  return generateWorkload(count).flatMap((file) => [file, ...recodings.filter((r) => r.of === file.name)])
}

/**
 * Starts its own Redis and Postgres, an API and several workers, uploads files while it injects
 * faults, then waits for every accepted upload to finish and checks that nothing was lost or
 * duplicated.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
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
    WORKER_CONCURRENCY: '2',
    METRICS_PORT: '0', // several workers on one host
    // No RECONCILE_* here: the run holds to its promises with the defaults a deployment has.
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
    await fleet.ready()
    const archive: WorkloadFile[] = options.archiveOf > 0 ? [await exportZip(options.archiveOf)] : []
    const files = [...archive, ...workloadWithRecodings(options.files, options.recodeEvery), ...(options.corpus ? corpusFiles() : [])]
    options.log(`uploading ${files.length} files with ${options.workers} workers; faults: ${options.faults.join(', ')}`)

    const accepted: string[] = []
    const tally = new ClientTally()
    const openTransactions: OpenTransactions[] = []
    let lastFaultAt = Date.now()
    const faultsDone = (async () => {
      await sleep(3000)
      for (const fault of options.faults) {
        options.log(`fault: ${fault}`)
        const outcome = await FAULTS[fault]({ fleet, redis, postgres, databaseUrl: env.DATABASE_URL, storageFaultFile })
        if (outcome.openTransactions) openTransactions.push(outcome.openTransactions)
        lastFaultAt = Date.now()
        await sleep(2500)
      }
    })()
    // Faults start after 3 s and take about 5 s each: keep uploading through all of them.
    const windowMs = 3000 + options.faults.length * 5000 + 2000
    const baseUrl = `http://127.0.0.1:${port}`
    const uploads = uploadWithRetry(baseUrl, token, files, 4, windowMs, (id) => accepted.push(id), tally)
    const both = Promise.all([faultsDone, uploads])
    await Promise.all([both, readWhile(baseUrl, token, both, tally)])
    options.log(
      `all ${accepted.length} uploads accepted (${tally.retries} client retries), the last ${((Date.now() - lastFaultAt) / 1000).toFixed(1)} s after the last fault; waiting for them to finish`,
    )
    return await checkOutcome(env.DATABASE_URL, accepted, {
      faults: options.faults,
      lastFaultAt,
      settleTimeoutS: options.settleTimeoutS,
      clientRetries: tally.retries,
      clientStatuses: tally.statuses,
      http500: tally.http500,
      http503WithoutRetryAfter: tally.http503WithoutRetryAfter,
      badAnswers: tally.badAnswers,
      unexpectedExits: () => fleet.unexpectedExits,
      openTransactions,
    })
  } finally {
    await fleet.stopAll()
    await redis.stop()
    await postgres.stop().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}
