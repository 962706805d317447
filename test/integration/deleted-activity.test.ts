import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFit, encodeGpx } from '../../fixtures/encode/index.js'
import { generateSuite } from '../../fixtures/synth/suite.js'
import { toActivitySpec } from '../../fixtures/synth/to-encode-spec.js'
import { ingest } from '../../workers/ingest.js'
import { corpusFile, SKIP_WITHOUT_CORPUS } from '../helpers/corpus.js'
import { getOk, postFile, type Stack, startStack, uploadAndWait } from '../helpers/stack.js'

// Issue 10, item 15: after DELETE /v1/activities/:id no upload points at the activity, each
// says what happened to it, and the same file uploaded again makes it again.
let stack: Stack
type User = Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack()
})
afterAll(async () => stack?.close())

const post = (user: User, filename: string, bytes: Uint8Array) => uploadAndWait(stack, user.headers, filename, bytes)
const getUpload = (user: User, id: unknown) => getOk(stack, user.headers, `/v1/uploads/${String(id)}`)

async function remove(user: User, activityId: unknown): Promise<void> {
  const res = await stack.app.inject({ method: 'DELETE', url: `/v1/activities/${String(activityId)}`, headers: user.headers })
  expect(res.statusCode).toBe(204)
}

async function activityIds(userId: string): Promise<string[]> {
  const rows = await stack.testDb.db.selectFrom('activities').select('id').where('user_id', '=', userId).execute()
  return rows.map((r) => r.id)
}

describe('a deleted activity', () => {
  it('leaves its upload and the duplicates that matched it pointing at nothing, saying so', async () => {
    const user = await stack.user()
    const spec = toActivitySpec({ ...generateSuite(1, 41)[0]!.spec, start_ms: Date.UTC(2025, 0, 8, 7) })
    const gpx = encodeGpx(spec)
    const first = await post(user, 'ride.gpx', gpx)
    const again = await post(user, 'again.gpx', gpx)
    const asFit = await post(user, 'ride.fit', encodeFit(spec))
    const activityId = first.activity_id
    expect(again).toMatchObject({ status: 'duplicate', duplicate_rule: 'same_bytes', activity_id: activityId })
    expect(asFit).toMatchObject({ status: 'duplicate', duplicate_rule: 'same_time', activity_id: activityId })

    await remove(user, activityId)
    for (const u of [first, again, asFit]) {
      expect(await getUpload(user, u.id)).toMatchObject({
        status: u.status,
        activity_id: null,
        activity_ids: [],
        deleted_activity_ids: [activityId],
      })
    }
    const listed = (await stack.app.inject({ url: '/v1/uploads', headers: user.headers })).json().uploads as Record<string, unknown>[]
    expect(listed.flatMap((u) => u.activity_ids as string[])).toEqual([])

    // The same bytes again make the activity again, as after a delete by mistake.
    const remade = await post(user, 'ride.gpx', gpx)
    expect(remade).toMatchObject({ status: 'done', duplicate_rule: null, deleted_activity_ids: [] })
    expect(remade.activity_id).not.toBe(activityId)
    expect(await activityIds(user.id)).toEqual([remade.activity_id])
  })

  it.skipIf(SKIP_WITHOUT_CORPUS)('is made again when one session of a multi-session file was deleted', async () => {
    const user = await stack.user()
    const tri = corpusFile('fit/python-fitparse__sample_mulitple_header.fit') // MANIFEST.tsv: 5 sessions
    const first = await post(user, 'tri.fit', tri)
    const ids = first.activity_ids as string[]
    expect(ids).toHaveLength(5)

    await remove(user, ids[2])
    expect(await getUpload(user, first.id)).toMatchObject({
      activity_id: ids[0],
      activity_ids: [ids[0], ids[1], ids[3], ids[4]],
      deleted_activity_ids: [ids[2]],
    })

    const remade = await post(user, 'tri.fit', tri)
    expect(remade.status).toBe('done')
    const remadeIds = remade.activity_ids as string[]
    expect(remadeIds).toHaveLength(5)
    expect(remadeIds.filter((id, i) => id !== ids[i])).toHaveLength(1) // only session 2 is new
    expect((await activityIds(user.id)).sort()).toEqual([...remadeIds].sort())
  })

  it('is never pointed at by a duplicate that matched it just before it was deleted', async () => {
    const user = await stack.user()
    const spec = toActivitySpec({ ...generateSuite(1, 42)[0]!.spec, start_ms: Date.UTC(2025, 0, 9, 7) })
    const noHr = { ...spec, sessions: spec.sessions.map((s) => ({ ...s, samples: { ...s.samples, heart_rate_bpm: undefined } })) }
    const gpx = await post(user, 'ride.gpx', encodeGpx(noHr))
    await stack.worker!.close()
    stack.worker = null
    const fitId = await postFile(stack, user.headers, 'ride.fit', encodeFit(spec))
    // The FIT matches the GPX's activity and brings heart rate; while the stored GPX is read
    // again for the merge, the user deletes that activity.
    let reads = 0
    const parse = async (bytes: Uint8Array) => {
      if (++reads === 2) await remove(user, gpx.activity_id)
      return stack.pool.parse(bytes)
    }
    await ingest({ db: stack.testDb.db, storage: stack.storage, parse }, fitId)
    expect(reads).toBe(2)
    expect(await getUpload(user, fitId)).toMatchObject({
      status: 'duplicate',
      activity_id: null,
      activity_ids: [],
      deleted_activity_ids: [gpx.activity_id],
    })
    stack.startWorker()
  })
})
