import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isoWeekOfInstant } from '../../src/aggregate/iso-week.js'
import { storedWeek } from '../../src/db/aggregates.js'
import { createLogger } from '../../src/log.js'
import { jobIdFor } from '../../src/queue/ingest-queue.js'
import { ingest } from '../../workers/ingest.js'
import { reconcileOnce } from '../../workers/reconcile.js'
import { corpusFile, SKIP_WITHOUT_CORPUS } from '../helpers/corpus.js'
import { type Stack, startStack, waitForUpload } from '../helpers/stack.js'

// Redis here keeps nothing on disk: Postgres must be enough to finish every accepted upload.
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>
const log = createLogger('silent', { pretty: false })

beforeAll(async () => {
  stack = await startStack({ worker: false })
  alice = await stack.user()
})
afterAll(async () => stack?.close())

async function uploadRaw(name: string, bytes: Uint8Array): Promise<string> {
  const res = await stack.app.inject({
    method: 'POST',
    url: `/v1/uploads?filename=${name}`,
    headers: { ...alice.headers, 'content-type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  })
  expect(res.statusCode).toBe(202)
  return res.json().uploads[0].id
}

describe('the reconciler', () => {
  it.skipIf(SKIP_WITHOUT_CORPUS)('re-queues an upload whose job vanished from Redis, and it reaches done', async () => {
    const id = await uploadRaw('walk.fit', corpusFile('fit/python-fitparse__garmin-fenix-5-walk.fit'))
    const job = await stack.queue.getJob(jobIdFor(id))
    await job!.remove() // as if Redis restarted empty
    expect(await stack.queue.getJob(jobIdFor(id))).toBeUndefined()

    expect(await reconcileOnce({ db: stack.testDb.db, queue: stack.queue, log }, 3600)).toBe(0) // not stuck long enough
    expect(await reconcileOnce({ db: stack.testDb.db, queue: stack.queue, log }, 0)).toBe(1)
    stack.startWorker()
    const done = await waitForUpload(stack, alice.headers, id)
    expect(done.status).toBe('done')
    await stack.worker!.close()
    stack.worker = null
  })

  it.skipIf(SKIP_WITHOUT_CORPUS)('leaves a job that is still waiting alone', async () => {
    const id = await uploadRaw('bike.fit', corpusFile('fit/python-fitparse__garmin-fenix-5-bike.fit'))
    expect(await reconcileOnce({ db: stack.testDb.db, queue: stack.queue, log }, 0)).toBe(0)
    expect(await stack.queue.getJob(jobIdFor(id))).toBeDefined()
  })
})

describe('idempotent processing', () => {
  it.skipIf(SKIP_WITHOUT_CORPUS)('running the same upload twice makes one activity', async () => {
    const id = await uploadRaw('run2.fit', corpusFile('fit/python-fitparse__activity-small-fenix2-run.fit'))
    const deps = { db: stack.testDb.db, storage: stack.storage, parse: stack.pool.parse }
    // A worker that crashed after its commit leaves the job to run again: simulate both runs.
    const first = await ingest(deps, id)
    await stack.testDb.db.updateTable('uploads').set({ status: 'processing' }).where('id', '=', id).execute()
    const second = await ingest(deps, id)
    expect(first).toMatchObject({ status: 'done' })
    expect(second).toMatchObject({ status: 'done', activity_ids: (first as { activity_ids: string[] }).activity_ids })
    const rows = await stack.testDb.db.selectFrom('activities').select('id').where('upload_id', '=', id).execute()
    expect(rows).toHaveLength(1)
    expect(await ingest(deps, id)).toBe('already_final')
  })
})

describe('the week sweep', () => {
  it.skipIf(SKIP_WITHOUT_CORPUS)('queues again a week whose recompute was lost, and the stored week comes right', async () => {
    const id = await uploadRaw('swim.fit', corpusFile('fit/sports-lib__6021532030.fit'))
    stack.startWorker()
    const done = await waitForUpload(stack, alice.headers, id)
    const activityId = String(done.activity_id)
    const week = async () => {
      const res = await stack.app.inject({ url: '/v1/activities?limit=1', headers: alice.headers })
      return res.json().activities[0] as { start_time: string }
    }
    const { start_time } = await week()
    const isoWeek = isoWeekOfInstant(Date.parse(start_time), 'UTC')
    // Settle the week, then change a session behind the queue's back, as a lost job would leave it.
    await waitFor(async () => (await storedWeek(stack.testDb.db, alice.id, isoWeek)) !== undefined)
    await stack.worker!.close()
    stack.worker = null
    await stack.testDb.db
      .updateTable('activities')
      .set({ sport: 'walking', updated_at: sql`now() - interval '5 seconds'` })
      .where('id', '=', activityId)
      .execute()
    expect((await storedWeek(stack.testDb.db, alice.id, isoWeek))!.body.by_sport).toHaveProperty('swimming')

    const deps = { db: stack.testDb.db, queue: stack.queue, log, weekChanges: stack.weekChanges }
    await reconcileOnce(deps, 1)
    stack.startWorker()
    await waitFor(async () => (await storedWeek(stack.testDb.db, alice.id, isoWeek))?.body.by_sport.walking !== undefined)
    await stack.worker!.close()
    stack.worker = null
  })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('the re-analysis sweep', () => {
  it('queues again a re-analysis that Redis lost after a weight change', async () => {
    const put = await stack.app.inject({
      method: 'PUT',
      url: '/v1/profile',
      headers: { ...alice.headers, 'content-type': 'application/json' },
      body: { weight_kg: 91 },
    })
    expect(put.statusCode).toBe(200)
    const marks = () =>
      stack.testDb.db
        .selectFrom('profiles')
        .select(['analysis_changed_at', 'analysed_at'])
        .where('user_id', '=', alice.id)
        .executeTakeFirstOrThrow()
    expect((await marks()).analysis_changed_at).not.toBeNull()
    await stack.aggregateQueue.obliterate({ force: true }) // the job is gone, as after a Redis restart
    await stack.testDb.db
      .updateTable('profiles')
      .set({ analysis_changed_at: sql`now() - interval '5 seconds'` })
      .where('user_id', '=', alice.id)
      .execute()

    await reconcileOnce({ db: stack.testDb.db, queue: stack.queue, log, weekChanges: stack.weekChanges }, 1)
    stack.startWorker()
    await waitFor(async () => {
      const m = await marks()
      return m.analysed_at !== null && m.analysed_at.getTime() === m.analysis_changed_at!.getTime()
    })
    await stack.worker!.close()
    stack.worker = null
  })
})

describe('a profile change during processing', () => {
  it.skipIf(SKIP_WITHOUT_CORPUS)('asks for a re-analysis when the profile moved after it was read', async () => {
    const id = await uploadRaw('walk2.fit', corpusFile('fit/python-fitparse__garmin-fenix-5-run.fit'))
    const asked: string[] = []
    const weekChanges = {
      ...stack.weekChanges,
      reanalyse: async (userId: string) => void asked.push(userId),
      // The user saves a new weight after this upload read the profile and before it finished.
      activitiesChanged: async () => {
        await stack.testDb.db
          .updateTable('profiles')
          .set({ weight_kg: 70, analysis_changed_at: new Date() })
          .where('user_id', '=', alice.id)
          .execute()
      },
    }
    await ingest({ db: stack.testDb.db, storage: stack.storage, parse: stack.pool.parse, weekChanges }, id)
    expect(asked).toEqual([alice.id])
  })
})
