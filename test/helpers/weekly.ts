import { expect } from 'vitest'
import type { Stack } from './stack.js'
import { waitForUpload } from './stack.js'
import { type SessionPlan, sessionFit } from './week-files.js'

type Headers = { authorization: string }

/** Uploads one session as a FIT file and waits for its activity id. */
export async function uploadSession(stack: Stack, headers: Headers, plan: SessionPlan, name = 'session.fit'): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([sessionFit(plan)]), name)
  const res = await stack.app.inject({ method: 'POST', url: '/v1/uploads', headers, body: form })
  expect(res.statusCode, res.body).toBe(202)
  const done = await waitForUpload(stack, headers, res.json().uploads[0].id)
  expect(done.status).toBe('done')
  return done.activity_id as string
}

/** Waits until the aggregation queue has nothing waiting, delayed or running. */
export async function aggregationIdle(stack: Stack, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const counts = await stack.aggregateQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
    if (Object.values(counts).every((n) => n === 0)) return
    if (Date.now() > deadline) throw new Error(`aggregation still busy: ${JSON.stringify(counts)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The stored aggregate of a week, straight from Postgres (undefined: no row). */
export async function storedBody(stack: Stack, userId: string, week: string): Promise<unknown> {
  const row = await stack.testDb.db
    .selectFrom('weekly_aggregates')
    .select('body')
    .where('user_id', '=', userId)
    .where('week', '=', week)
    .executeTakeFirst()
  return row?.body
}
