import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Stack, startStack, waitForUpload } from '../helpers/stack.js'
import { aggregationIdle } from '../helpers/weekly.js'

// Times a user sees: stamped from one clock, and a local start time even when the file has no offset.
let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => stack?.close())

/** A 20-minute walk as GPX, its times in UTC as GPX defines them, with no zone of the device's. */
function walkGpx(startIso: string): string {
  const start = Date.parse(startIso)
  const points = Array.from({ length: 121 }, (_, i) => {
    const t = new Date(start + i * 10_000).toISOString()
    return `<trkpt lat="${(52.52 + i * 0.0001).toFixed(6)}" lon="13.405"><time>${t}</time></trkpt>`
  })
  return `<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>walking</type><trkseg>${points.join('')}</trkseg></trk></gpx>`
}

const upload = async (headers: { authorization: string }, body: string, filename: string) => {
  const res = await stack.app.inject({ method: 'POST', url: `/v1/uploads?filename=${filename}`, headers, payload: body })
  expect(res.statusCode, res.body).toBe(202)
  return res.json().uploads[0] as { id: string; status: string }
}

describe('one clock', () => {
  it('a duplicate never finishes before it was made', async () => {
    const { headers } = await stack.user()
    const first = await upload(headers, walkGpx('2026-11-18T07:00:00Z'), 'walk.gpx')
    await waitForUpload(stack, headers, first.id)
    const again = await upload(headers, walkGpx('2026-11-18T07:00:00Z'), 'walk-again.gpx')
    expect(again.status).toBe('duplicate')
    // In Postgres, at its microsecond precision: JSON's milliseconds could hide the difference.
    const row = await stack.testDb.db
      .selectFrom('uploads')
      .select(sql<boolean>`finished_at >= created_at`.as('in_order'))
      .where('id', '=', again.id)
      .executeTakeFirstOrThrow()
    expect(row.in_order).toBe(true)
  })
})

describe('local start time of a file without an offset', () => {
  it("is given in the profile's zone, names that zone, and follows a change of zone", async () => {
    const { headers } = await stack.user()
    await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers, payload: { time_zone: 'Europe/Berlin' } })
    const up = await upload(headers, walkGpx('2026-07-01T06:00:00Z'), 'walk.gpx')
    const done = await waitForUpload(stack, headers, up.id)
    const activity = async () => (await stack.app.inject({ url: `/v1/activities/${String(done.activity_id)}`, headers })).json()
    // 06:00Z in Berlin's summer time (UTC+2) is 08:00 on the wall clock.
    expect(await activity()).toMatchObject({
      start_time: '2026-07-01T06:00:00.000Z',
      local_start_time: '2026-07-01T08:00:00+02:00',
      local_time_zone: 'Europe/Berlin',
    })

    await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers, payload: { time_zone: 'America/New_York' } })
    await aggregationIdle(stack)
    // New York's summer time is UTC−4: 02:00 on the wall clock. The re-analysis rewrites it.
    const deadline = Date.now() + 30_000
    while ((await activity()).local_time_zone !== 'America/New_York' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(await activity()).toMatchObject({ local_start_time: '2026-07-01T02:00:00-04:00', local_time_zone: 'America/New_York' })
  })
})
