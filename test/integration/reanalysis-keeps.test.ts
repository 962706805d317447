import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFit, encodeGpx } from '../../fixtures/encode/index.js'
import { generateSuite } from '../../fixtures/synth/suite.js'
import { toActivitySpec } from '../../fixtures/synth/to-encode-spec.js'
import { createLogger } from '../../src/log.js'
import type { ParsedActivity } from '../../src/model.js'
import { reanalyse } from '../../workers/reanalyse.js'
import { getOk, type Stack, startStack, uploadAndWait } from '../helpers/stack.js'

// Issue 10, items 16 and 17: a re-analysis keeps what the user said and what a merge brought,
// and a stored duplicate that no longer parses never fails the new upload.
let stack: Stack
type User = Awaited<ReturnType<Stack['user']>>
const log = createLogger('silent', { pretty: false })

beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => stack?.close())

const post = (user: User, filename: string, bytes: Uint8Array) => uploadAndWait(stack, user.headers, filename, bytes)
const activity = (user: User, id: unknown) => getOk(stack, user.headers, `/v1/activities/${String(id)}`)

/** One steady run as a GPX without heart rate and a FIT with it: the FIT is a same_time duplicate. */
function sameRide(seed: number, startMs: number) {
  const session = generateSuite(1, seed)[0]!
  const spec = toActivitySpec({ ...session.spec, start_ms: startMs })
  const noHr = { ...spec, sessions: spec.sessions.map((s) => ({ ...s, samples: { ...s.samples, heart_rate_bpm: undefined } })) }
  return { gpx: encodeGpx(noHr), fit: encodeFit(spec) }
}

const reanalyseWith = (parse: (bytes: Uint8Array) => Promise<ParsedActivity[]>) => ({
  db: stack.testDb.db,
  storage: stack.storage,
  parse,
  weekChanges: stack.weekChanges,
  log,
})

describe('a re-analysis', () => {
  it('keeps a sport the user corrects while it runs', async () => {
    const user = await stack.user()
    const done = await post(user, 'ride.gpx', sameRide(11, Date.UTC(2024, 4, 5, 6)).gpx)
    expect((await activity(user, done.activity_id)).sport_source).not.toBe('user')
    // The user saves a sport after the re-analysis read the activity and before it writes.
    const parse = async (bytes: Uint8Array) => {
      const parsed = await stack.pool.parse(bytes)
      const patch = await stack.app.inject({
        method: 'PATCH',
        url: `/v1/activities/${String(done.activity_id)}`,
        headers: { ...user.headers, 'content-type': 'application/json' },
        body: { sport: 'rowing' },
      })
      expect(patch.statusCode).toBe(200)
      return parsed
    }
    expect(await reanalyse(reanalyseWith(parse), user.id)).toBe(1)
    expect(await activity(user, done.activity_id)).toMatchObject({ sport: 'rowing', sport_source: 'user', sport_confidence: 1 })
  })

  it('keeps the heart rate a duplicate brought, in the figures and the streams', async () => {
    const user = await stack.user()
    const ride = sameRide(12, Date.UTC(2024, 5, 6, 6))
    const gpx = await post(user, 'ride.gpx', ride.gpx)
    const fit = await post(user, 'ride.fit', ride.fit)
    expect(fit).toMatchObject({ status: 'duplicate', activity_id: gpx.activity_id, duplicate_rule: 'same_time' })
    const merged = await activity(user, gpx.activity_id)
    expect(merged.hr_avg).toBeGreaterThan(100)

    expect(await reanalyse(reanalyseWith(stack.pool.parse), user.id)).toBe(1)
    const after = await activity(user, gpx.activity_id)
    expect(after).toMatchObject({
      hr_avg: merged.hr_avg,
      hr_max: merged.hr_max,
      hr_zones_s: merged.hr_zones_s,
      trimp: merged.trimp,
      energy_source: merged.energy_source,
    })
    expect(after.energy_kcal).toBeCloseTo(merged.energy_kcal as number, 6)
    const streams = (
      await stack.app.inject({ url: `/v1/activities/${String(gpx.activity_id)}/streams?keys=heartrate`, headers: user.headers })
    ).json()
    expect(streams.heartrate.data.filter((v: number | null) => v !== null).length).toBeGreaterThan(100)
  })
})

describe('a duplicate whose stored copy no longer parses', () => {
  it('ends the new upload as the duplicate it is, without the merge', async () => {
    const user = await stack.user()
    const ride = sameRide(13, Date.UTC(2024, 6, 7, 6))
    const gpx = await post(user, 'ride.gpx', ride.gpx)
    const stored = await stack.testDb.db
      .selectFrom('uploads')
      .select('object_key')
      .where('id', '=', String(gpx.id))
      .executeTakeFirstOrThrow()
    await stack.storage.delete(stored.object_key) // the stored copy is damaged: cut short
    await stack.storage.put(stored.object_key, new TextEncoder().encode('<?xml version="1.0"?><gpx><trk><trkseg><trkpt'))

    const fit = await post(user, 'ride.fit', ride.fit)
    expect(fit).toMatchObject({ status: 'duplicate', error: null, activity_id: gpx.activity_id, duplicate_rule: 'same_time' })
    expect((await activity(user, gpx.activity_id)).hr_avg).toBeNull() // nothing merged: its own file is unreadable
  })
})
