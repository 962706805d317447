import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createLogger } from '../../src/log.js'
import type { WeekChanges } from '../../src/queue/week-changes.js'
import { reconcileOnce, startReconciler } from '../../workers/reconcile.js'
import { corpusFile, SKIP_WITHOUT_CORPUS } from '../helpers/corpus.js'
import { postFile, type Stack, startStack, waitFor, waitForUpload } from '../helpers/stack.js'

// Issue 10, item 14: one profile change must cost one re-analysis, under the reconciler's
// production settings (the stack's own reconciler runs hourly, which hid the loop).
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>
const log = createLogger('silent', { pretty: false })
const { RECONCILE_AFTER_S, RECONCILE_EVERY_S } = loadConfig({})

beforeAll(async () => {
  stack = await startStack()
  alice = await stack.user()
})
afterAll(async () => stack?.close())

const aggregateIdle = async () => {
  const counts = await stack.aggregateQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
  return Object.values(counts).every((n) => n === 0)
}

describe('a profile change', () => {
  it.skipIf(SKIP_WITHOUT_CORPUS)(
    'is re-analysed once, and the reconciler at its production interval never starts another',
    async () => {
      expect([RECONCILE_AFTER_S, RECONCILE_EVERY_S]).toEqual([120, 30])
      const id = await postFile(stack, alice.headers, 'run.fit', corpusFile('fit/python-fitparse__garmin-fenix-5-run.fit'))
      const done = await waitForUpload(stack, alice.headers, id)
      const activityId = String(done.activity_id)
      const activity = () =>
        stack.testDb.db.selectFrom('activities').select('updated_at').where('id', '=', activityId).executeTakeFirstOrThrow()
      const before = await activity()

      const put = await stack.app.inject({
        method: 'PUT',
        url: '/v1/profile',
        headers: { ...alice.headers, 'content-type': 'application/json' },
        body: { weight_kg: 95, sex: 'male', birth_year: 1980 },
      })
      expect(put.statusCode).toBe(200)
      await waitFor(async () => (await activity()).updated_at.getTime() > before.updated_at.getTime() && (await aggregateIdle()))
      const analysed = await activity() // the re-analysis rewrote it

      // Let the change grow older than RECONCILE_AFTER_S, as ten minutes of wall time would.
      await stack.testDb.db
        .updateTable('profiles')
        .set({
          analysis_changed_at: sql`analysis_changed_at - interval '10 minutes'`,
          analysed_at: sql`analysed_at - interval '10 minutes'`,
        })
        .where('user_id', '=', alice.id)
        .execute()

      const asked: string[] = []
      const weekChanges: WeekChanges = {
        ...stack.weekChanges,
        reanalyse: async (userId) => {
          asked.push(userId)
          await stack.weekChanges.reanalyse(userId)
        },
      }
      const deps = { db: stack.testDb.db, queue: stack.queue, log, weekChanges }
      for (let i = 0; i < 3; i++) await reconcileOnce(deps, RECONCILE_AFTER_S)
      expect(asked).toEqual([])

      // The real loop, at the real interval, over a window that holds a second pass.
      const reconciler = startReconciler(deps, RECONCILE_AFTER_S, RECONCILE_EVERY_S)
      await new Promise((r) => setTimeout(r, (RECONCILE_EVERY_S + 5) * 1000))
      await reconciler.stop()
      expect(asked).toEqual([])
      await waitFor(aggregateIdle)
      expect((await activity()).updated_at.getTime()).toBe(analysed.updated_at.getTime())
    },
    90_000,
  )
})
