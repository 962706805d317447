import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFit } from '../../fixtures/encode/index.js'
import { generateSuite } from '../../fixtures/synth/suite.js'
import { toActivitySpec } from '../../fixtures/synth/to-encode-spec.js'
import { aggregateWeek } from '../../src/aggregate/week.js'
import { storedWeek } from '../../src/db/aggregates.js'
import { effectiveProfile, storedProfile } from '../../src/db/profiles.js'
import { loadWeekInput } from '../../src/db/week-sources.js'
import { createLogger } from '../../src/log.js'
import { reconcileOnce } from '../../workers/reconcile.js'
import { postFile, type Stack, startStack, waitFor, waitForUpload } from '../helpers/stack.js'

// Issue 10, item 18: the sweep that repairs weekly aggregates must see deletions, which leave
// no row behind to carry an updated_at.
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>
const log = createLogger('silent', { pretty: false })
const WEEK = '2025-W11' // Mon 2025-03-10 … Sun 2025-03-16, the user's zone is UTC

beforeAll(async () => {
  stack = await startStack()
  alice = await stack.user()
})
afterAll(async () => stack?.close())

/** The week as a full recompute from the source rows gives it, written nowhere. */
async function recomputed() {
  const profile = effectiveProfile(await storedProfile(stack.testDb.db, alice.id))
  return aggregateWeek(await loadWeekInput(stack.testDb.db, alice.id, WEEK, profile))
}
const settled = async () => JSON.stringify((await storedWeek(stack.testDb.db, alice.id, WEEK))?.body) === JSON.stringify(await recomputed())

/** The week's recompute jobs are lost; the sweep runs once the change is past its settle time. */
async function loseJobsThenSweep(): Promise<void> {
  await stack.aggregateQueue.obliterate({ force: true })
  expect(await settled()).toBe(false)
  await new Promise((r) => setTimeout(r, 1500)) // older than the sweep's settle time below
  await reconcileOnce({ db: stack.testDb.db, queue: stack.queue, log, weekChanges: stack.weekChanges }, 1)
  stack.startWorker()
  await waitFor(settled)
}

describe('the week sweep after deletions', () => {
  it('repairs a week whose recompute was lost after an activity and a food-log day were deleted', async () => {
    const ids: string[] = []
    for (const [seed, day] of [
      [31, 11],
      [32, 13],
    ] as const) {
      const spec = toActivitySpec({ ...generateSuite(1, seed)[0]!.spec, start_ms: Date.UTC(2025, 2, day, 7) })
      const done = await waitForUpload(stack, alice.headers, await postFile(stack, alice.headers, `run-${day}.fit`, encodeFit(spec)))
      expect(done.status).toBe('done')
      ids.push(String(done.activity_id))
    }
    const intake = await stack.app.inject({
      method: 'POST',
      url: '/v1/intake',
      headers: { ...alice.headers, 'content-type': 'application/json' },
      body: [
        { date: '2025-03-11', kcal: 2100 },
        { date: '2025-03-12', kcal: 1900 },
      ],
    })
    expect(intake.statusCode).toBeLessThan(300)
    // Everything in the week last changed long ago, outside the sweep's window; the week is settled.
    for (const table of ['activities', 'intake_days'] as const) {
      await stack.testDb.db
        .updateTable(table)
        .set({ updated_at: sql`now() - interval '2 hours'` })
        .where('user_id', '=', alice.id)
        .execute()
    }
    await stack.weekChanges.weeksChanged(alice.id, [WEEK])
    await waitFor(
      async () =>
        (await storedWeek(stack.testDb.db, alice.id, WEEK))?.body.days.some((d) => d.intake_kcal === 1900) === true && (await settled()),
    )
    expect((await storedWeek(stack.testDb.db, alice.id, WEEK))!.body.cardio.sessions).toBe(2)

    // The deletions commit, but their recompute jobs are lost (no worker, then Redis empties).
    await stack.worker!.close()
    stack.worker = null
    expect((await stack.app.inject({ method: 'DELETE', url: `/v1/activities/${ids[0]}`, headers: alice.headers })).statusCode).toBe(204)
    expect((await stack.app.inject({ method: 'DELETE', url: '/v1/intake/2025-03-12', headers: alice.headers })).statusCode).toBe(204)
    await loseJobsThenSweep()
    const week = (await storedWeek(stack.testDb.db, alice.id, WEEK))!.body
    expect(week.cardio.sessions).toBe(1)
    expect(week.days.find((d) => d.date === '2025-03-12')?.intake_kcal).toBeNull()
  })

  it('repairs the week an activity left when its start moved (a newer parser read it again)', async () => {
    await stack.worker!.close()
    stack.worker = null
    await stack.testDb.db
      .updateTable('activities')
      .set({ start_time: sql`start_time + interval '7 days'`, updated_at: sql`now()` })
      .where('user_id', '=', alice.id)
      .execute()
    await loseJobsThenSweep()
    expect((await storedWeek(stack.testDb.db, alice.id, WEEK))!.body.cardio.sessions).toBe(0)

    // Removals past the sweep's window (an hour) are pruned; newer ones stay.
    const removals = async () =>
      (await stack.testDb.db.selectFrom('week_source_removals').select('removed_at').where('user_id', '=', alice.id).execute()).length
    expect(await removals()).toBe(3) // the deleted activity and day, the moved start
    await stack.testDb.db
      .updateTable('week_source_removals')
      .set({ removed_at: sql`now() - interval '2 hours'` })
      .where('date', 'is not', null)
      .execute()
    await reconcileOnce({ db: stack.testDb.db, queue: stack.queue, log, weekChanges: stack.weekChanges }, 1)
    expect(await removals()).toBe(2)
  })
})
