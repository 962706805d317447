/**
 * The parser fuzzer, for as long as you like:  npm run fuzz -- --minutes 10
 * Each mutated input is parsed in a worker thread with a heap cap and a time limit (as the
 * worker does), then analysed. A throw that is not a contract code, a time-out, a heap blow-up
 * or a non-finite summary is a finding, saved to fixtures/regressions/ as seed + mutation.
 * With --pipeline, each input goes the worker's whole path instead (test/fuzz/check-pipeline.ts:
 * stored, ingested into a Postgres database of its own, its weeks recomputed), and an upload
 * that does not end done, duplicate or failed with a code other than `internal` is a finding.
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { encodeFitSessionWithoutTime } from '../../fixtures/encode/index.js'
import { connectDb } from '../../src/db/connect.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createUser } from '../../src/db/users.js'
import { LocalObjectStore } from '../../src/storage/local.js'
import { checkPipeline } from '../fuzz/check-pipeline.js'
import { adminQuery, dbUrl, testDbName } from '../helpers/pg-admin.js'
import { FitledgerError } from '../../src/errors.js'
import { createParsePool } from '../../workers/parse-pool.js'
import { checkError, checkSummaries, type Verdict } from '../fuzz/check-input.js'
import { applyMutation, mutationArb } from '../fuzz/mutations.js'
import { loadSeeds } from '../fuzz/seeds.js'
import { machineLine } from './lib/machine.js'

const minutesArg = process.argv.indexOf('--minutes')
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 1
const HEAP_MB = 256
const TIMEOUT_S = 10
const REGRESSIONS = new URL('../../fixtures/regressions/', import.meta.url)

const PIPELINE = process.argv.includes('--pipeline')

const pool = createParsePool({ limits: { maxUncompressedBytes: 64 * 1024 * 1024 }, threads: 2, heapMb: HEAP_MB, timeoutS: TIMEOUT_S })
const seeds = [...loadSeeds(), { name: 'gen:fit-session-without-time', bytes: encodeFitSessionWithoutTime() }]
const outcomes = new Map<string, number>()
let tried = 0
let findings = 0

/** --pipeline: a migrated database and an object store of this run's own, dropped at the end. */
async function openPipeline() {
  const name = testDbName('t')
  await adminQuery(`create database ${name}`)
  const db = connectDb(dbUrl(name), { max: 2 })
  await migrateToLatest(db)
  const dir = await mkdtemp(join(tmpdir(), 'fitledger-fuzz-'))
  const deps = { db, storage: new LocalObjectStore(dir), parse: (bytes: Uint8Array) => pool.parse(bytes) }
  const userId = (await createUser(db, 'fuzz@example.test', null)).id
  let inputs = 0
  return {
    // Every other input under a user of its own saves new activities; the rest meet earlier inputs (duplicates, merges).
    judge: async (bytes: Uint8Array) =>
      checkPipeline(deps, (inputs += 1) % 2 === 0 ? userId : (await createUser(db, `fuzz-${inputs}@example.test`, null)).id, bytes),
    async close() {
      await db.destroy()
      await adminQuery(`drop database if exists ${name} with (force)`)
      await rm(dir, { recursive: true, force: true })
    },
  }
}
const pipeline = PIPELINE ? await openPipeline() : null

async function judge(bytes: Uint8Array): Promise<Verdict> {
  try {
    if (pipeline) return await pipeline.judge(bytes)
    return checkSummaries(await pool.parse(bytes))
  } catch (err) {
    // The pool turns a blown heap into too_large and a time-out into corrupt_file; on inputs this
    // small either one means the parser misbehaved.
    if (err instanceof FitledgerError && /more than \d+ MB of memory|took longer than/.test(err.message)) {
      return { ok: false, finding: err.message }
    }
    return checkError(err)
  }
}

console.log(machineLine())
console.log(
  `fuzzing ${PIPELINE ? "the worker's whole path" : 'the parser'} for ${MINUTES} min over ${seeds.length} seeds (${seeds.map((s) => s.name).join(', ')})`,
)
const deadline = Date.now() + MINUTES * 60_000
while (Date.now() < deadline) {
  const samples = fc.sample(fc.tuple(fc.constantFrom(...seeds), mutationArb), 50)
  for (const [seed, mutation] of samples) {
    const verdict = await judge(applyMutation(seed.bytes, mutation))
    tried += 1
    const key = verdict.ok ? verdict.outcome.replace(/:\d+$/, '') : 'FINDING'
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    if (!verdict.ok) {
      findings += 1
      const record = { seed: seed.name, mutation, finding: verdict.finding }
      const id = createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 12)
      writeFileSync(new URL(`${id}.json`, REGRESSIONS), `${JSON.stringify(record, null, 2)}\n`)
      console.log(`finding ${id}: ${seed.name} ${JSON.stringify(mutation).slice(0, 120)} → ${verdict.finding}`)
    }
  }
}
await pipeline?.close()
await pool.close()
console.log(`inputs tried: ${tried}, findings: ${findings}`)
console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k}=${v}`).join(' ')}`)
process.exitCode = findings > 0 ? 1 : 0
