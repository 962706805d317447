import { type Job, Worker } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisConnection } from '../../src/cli/runtime.js'
import { upsertIntake } from '../../src/db/intake.js'
import { AGGREGATE_QUEUE, type AggregateJob } from '../../src/queue/aggregate-queue.js'
import { REDIS_URL, type Stack, startStack } from '../helpers/stack.js'
import { aggregationIdle, storedBody } from '../helpers/weekly.js'

// The aggregation queue's promise: many changes cost one run, and no change is ever lost.
let stack: Stack
beforeAll(async () => {
  stack = await startStack({ worker: false })
})
afterAll(async () => stack?.close())

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('week jobs', () => {
  it('collapse many changes to one waiting job per user-week', async () => {
    const u = await stack.user()
    for (let i = 0; i < 5; i++) await stack.weekChanges.intakeChanged(u.id, ['2026-11-16', '2026-11-18', '2026-11-22'])
    await stack.weekChanges.activitiesChanged(u.id, [new Date('2026-11-17T10:00:00Z'), new Date('2026-11-24T10:00:00Z')])
    const waiting = await stack.aggregateQueue.getJobs(['waiting'])
    const mine = waiting.filter((j) => j.data.user_id === u.id).map((j) => (j.data.kind === 'week' ? j.data.week : j.data.kind))
    expect(mine.sort()).toEqual(['2026-W47', '2026-W48'])
    await stack.aggregateQueue.drain()
  })

  it('run once more when a change arrives while the week is being computed', async () => {
    const u = await stack.user()
    const runs: string[] = []
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    // A stand-in processor that holds its first run open, as a slow recompute would.
    const worker = new Worker<AggregateJob>(
      AGGREGATE_QUEUE,
      async (job: Job<AggregateJob>) => {
        runs.push(job.id ?? '')
        if (runs.length === 1) await gate
      },
      { connection: redisConnection(REDIS_URL), prefix: stack.prefix, concurrency: 4 },
    )
    try {
      await stack.weekChanges.intakeChanged(u.id, ['2026-11-16'])
      await until(() => runs.length === 1) // active, and may have read the rows already
      await stack.weekChanges.intakeChanged(u.id, ['2026-11-17']) // must not be lost…
      await stack.weekChanges.intakeChanged(u.id, ['2026-11-18']) // …and costs no third run
      expect(runs).toHaveLength(1) // no second run beside the active one
      release()
      await until(() => runs.length === 2)
      await aggregationIdle(stack)
      expect(runs).toHaveLength(2)
      expect(new Set(runs).size).toBe(2) // a fresh job, not the same one retried
    } finally {
      await worker.close()
    }
  })
})

describe('a lost job', () => {
  it('costs a recompute on read, not a wrong report', async () => {
    const u = await stack.user()
    await upsertIntake(stack.testDb.db, u.id, [{ date: '2026-11-16', kcal: 1500, water_ml: null, protein_g: null }])
    const first = await stack.app.inject({ url: '/v1/reports/weekly/2026-W47', headers: u.headers })
    expect(first.json().energy.intake_kcal).toBe(1500)
    // Written straight to Postgres: no job is queued, as if Redis had lost it.
    await upsertIntake(stack.testDb.db, u.id, [{ date: '2026-11-17', kcal: 1700, water_ml: null, protein_g: null }])
    const second = await stack.app.inject({ url: '/v1/reports/weekly/2026-W47', headers: u.headers })
    expect(second.json().energy.intake_kcal).toBe(3200) // 1500 + 1700
    expect(((await storedBody(stack, u.id, '2026-W47')) as { energy: { intake_kcal: number } }).energy.intake_kcal).toBe(3200)
  })

  it('a week whose last source row went away keeps no stored row', async () => {
    const u = await stack.user()
    await upsertIntake(stack.testDb.db, u.id, [{ date: '2026-11-16', kcal: 1500, water_ml: null, protein_g: null }])
    await stack.app.inject({ url: '/v1/reports/weekly/2026-W47', headers: u.headers })
    expect(await storedBody(stack, u.id, '2026-W47')).toBeDefined()
    const del = await stack.app.inject({ method: 'DELETE', url: '/v1/intake/2026-11-16', headers: u.headers })
    expect(del.statusCode).toBe(204)
    const r = (await stack.app.inject({ url: '/v1/reports/weekly/2026-W47', headers: u.headers })).json()
    expect(r.energy).toMatchObject({ logged_days: 0, intake_kcal: null, balance_kcal: null, met: null })
    expect(await storedBody(stack, u.id, '2026-W47')).toBeUndefined()
  })
})
