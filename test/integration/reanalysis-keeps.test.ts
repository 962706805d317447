import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFit, encodeGpx } from '../../fixtures/encode/index.js'
import { generateSuite } from '../../fixtures/synth/suite.js'
import { toActivitySpec } from '../../fixtures/synth/to-encode-spec.js'
import { postFile, type Stack, startStack, waitForUpload } from '../helpers/stack.js'

// Issue 10, items 16 and 17: a re-analysis keeps what the user said and what a merge brought,
// and a stored duplicate that no longer parses never fails the new upload.
let stack: Stack
type User = Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => stack?.close())

async function post(user: User, filename: string, bytes: Uint8Array): Promise<Record<string, unknown>> {
  return waitForUpload(stack, user.headers, await postFile(stack, user.headers, filename, bytes))
}

async function activity(user: User, id: unknown): Promise<Record<string, unknown>> {
  const res = await stack.app.inject({ url: `/v1/activities/${String(id)}`, headers: user.headers })
  expect(res.statusCode).toBe(200)
  return res.json()
}

/** One steady run as a GPX without heart rate and a FIT with it: the FIT is a same_time duplicate. */
function sameRide(seed: number, startMs: number) {
  const session = generateSuite(1, seed)[0]!
  const spec = toActivitySpec({ ...session.spec, start_ms: startMs })
  const noHr = { ...spec, sessions: spec.sessions.map((s) => ({ ...s, samples: { ...s.samples, heart_rate_bpm: undefined } })) }
  return { gpx: encodeGpx(noHr), fit: encodeFit(spec) }
}

describe('a duplicate whose stored copy no longer parses', () => {
  it('ends the new upload as the duplicate it is, without the merge', async () => {
    const user = await stack.user()
    const ride = sameRide(13, Date.UTC(2024, 6, 7, 6))
    const gpx = await post(user, 'ride.gpx', ride.gpx)
    const stored = await stack.testDb.db.selectFrom('uploads').select('object_key').where('id', '=', String(gpx.id)).executeTakeFirstOrThrow()
    await stack.storage.delete(stored.object_key) // the stored copy is damaged: cut short
    await stack.storage.put(stored.object_key, new TextEncoder().encode('<?xml version="1.0"?><gpx><trk><trkseg><trkpt'))

    const fit = await post(user, 'ride.fit', ride.fit)
    expect(fit).toMatchObject({ status: 'duplicate', error: null, activity_id: gpx.activity_id, duplicate_rule: 'same_time' })
    expect((await activity(user, gpx.activity_id)).hr_avg).toBeNull() // nothing merged: its own file is unreadable
  })
})
