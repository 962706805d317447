import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFitSessionWithoutTime } from '../../fixtures/encode/index.js'
import { createUser } from '../../src/db/users.js'
import { createLogger } from '../../src/log.js'
import { parse } from '../../src/parse/index.js'
import { LocalObjectStore } from '../../src/storage/local.js'
import { reanalyse } from '../../workers/reanalyse.js'
import type { Verdict } from '../fuzz/check-input.js'
import { checkPipeline, type PipelineDeps } from '../fuzz/check-pipeline.js'
import { applyMutation, mutationArb } from '../fuzz/mutations.js'
import { loadSeeds } from '../fuzz/seeds.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

// Issue 10, item 6: the worker's whole path, not only the parser, for mutated files. Kept small
// for `npm test` (CI has 2 cores); `npm run fuzz -- --pipeline` runs it for longer.
const LIMITS = { maxUncompressedBytes: 32 * 1024 * 1024 }
const findingOf = (v: Verdict) => (v.ok ? 'none' : v.finding)
let testDb: TestDb
let dir: string
let deps: PipelineDeps
let userId: string

beforeAll(async () => {
  testDb = await createTestDb()
  dir = await mkdtemp(join(tmpdir(), 'fitledger-fuzz-'))
  deps = { db: testDb.db, storage: new LocalObjectStore(dir), parse: (bytes) => parse(bytes, LIMITS) }
  userId = (await createUser(testDb.db, 'fuzz@example.test', null)).id
})
afterAll(async () => {
  await testDb?.drop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('the worker path under fuzzing', () => {
  const seeds = [...loadSeeds(), { name: 'gen:fit-session-without-time', bytes: encodeFitSessionWithoutTime() }]

  it('a FIT session with no usable start time fails at once with no_activity_data', async () => {
    expect(await checkPipeline(deps, userId, encodeFitSessionWithoutTime())).toEqual({ ok: true, outcome: 'failed:no_activity_data' })
  })

  it('every seed, as it is, ends done, duplicate or failed with its code', async () => {
    for (const seed of seeds) expect(findingOf(await checkPipeline(deps, userId, seed.bytes)), seed.name).toBe('none')
  })

  it('every mutated input ends done, duplicate or failed with a code other than internal', async () => {
    await fc.assert(
      // A user of its own saves new activities; the shared one matches earlier inputs and merges.
      fc.asyncProperty(fc.constantFrom(...seeds), mutationArb, fc.boolean(), async (seed, mutation, alone) => {
        const owner = alone ? (await createUser(testDb.db, `fuzz-${randomUUID()}@example.test`, null)).id : userId
        const verdict = await checkPipeline(deps, owner, applyMutation(seed.bytes, mutation))
        expect(findingOf(verdict), `${seed.name} ${JSON.stringify(mutation)}`).toBe('none')
      }),
      { numRuns: 80, seed: 20261130 },
    )
  })

  it('re-analysing everything those inputs left behind does not throw', async () => {
    const weekChanges = {
      activitiesChanged: async () => {},
      intakeChanged: async () => {},
      weeksChanged: async () => {},
      allWeeksChanged: async () => {},
      reanalyse: async () => {},
    }
    expect(await reanalyse({ ...deps, weekChanges, log: createLogger('silent', { pretty: false }) }, userId)).toBeGreaterThan(0)
  })
})
