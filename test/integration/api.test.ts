import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Stack, startStack } from '../helpers/stack.js'

// The HTTP contract without a worker: auth, validation and error shapes.
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack({ worker: false, maxUploadBytes: 1024 })
  alice = await stack.user()
})
afterAll(async () => stack?.close())

describe('authentication', () => {
  it.each([
    { name: 'no header', headers: {} },
    { name: 'not bearer', headers: { authorization: 'Basic abc' } },
    { name: 'unknown token', headers: { authorization: 'Bearer flt_nope' } },
  ])('$name → 401 unauthorized', async ({ headers }) => {
    const res = await stack.app.inject({ url: '/v1/activities', headers })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('unauthorized')
  })

  it('revoked tokens stop working', async () => {
    const bob = await stack.user()
    await stack.testDb.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', bob.id).execute()
    expect((await stack.app.inject({ url: '/v1/activities', headers: bob.headers })).statusCode).toBe(401)
  })

  it.each(['/healthz', '/metrics', '/docs/json'])('%s needs no token', async (url) => {
    expect((await stack.app.inject({ url })).statusCode).toBe(200)
  })
})

describe('uploads', () => {
  it('answers 400 to an empty body', async () => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/uploads?filename=x.fit',
      headers: { ...alice.headers, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(0),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
  })

  it('answers 413 to a raw body over MAX_UPLOAD_BYTES, and stores nothing', async () => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/uploads?filename=x.fit',
      headers: { ...alice.headers, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(2048, 1),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('too_large')
    const rows = await stack.testDb.db.selectFrom('uploads').select('id').execute()
    expect(rows).toEqual([])
  })

  it('answers 413 to a multipart file over MAX_UPLOAD_BYTES', async () => {
    const form = new FormData()
    form.append('file', new Blob([Buffer.alloc(4096, 7)]), 'big.fit')
    const res = await stack.app.inject({ method: 'POST', url: '/v1/uploads', headers: alice.headers, body: form })
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('too_large')
  })

  it('queues a small raw upload and serves it back', async () => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/uploads?filename=../../etc/passwd',
      headers: { ...alice.headers, 'content-type': 'application/gpx+xml' },
      body: '<gpx></gpx>',
    })
    expect(res.statusCode).toBe(202)
    const [u] = res.json().uploads
    expect(u).toMatchObject({ status: 'queued', filename: 'passwd' })
    const got = await stack.app.inject({ url: `/v1/uploads/${u.id}`, headers: alice.headers })
    expect(got.json()).toMatchObject({ id: u.id, status: 'queued', error: null, activity_id: null, activity_ids: [], kind: 'file' })
    const job = await stack.queue.getJob(`upload-${u.id}`)
    expect(job?.data).toEqual({ upload_id: u.id })
  })

  it('rejects an unknown sport override', async () => {
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/uploads?filename=a.gpx&sport=quidditch',
      headers: { ...alice.headers, 'content-type': 'application/octet-stream' },
      body: 'x',
    })
    expect(res.statusCode).toBe(400)
  })

  it.each(['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' or '1'='1"])('GET /v1/uploads/%s → 404', async (id) => {
    const res = await stack.app.inject({ url: `/v1/uploads/${encodeURIComponent(id)}`, headers: alice.headers })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('not_found')
  })

  it('lists uploads newest first with a working cursor', async () => {
    for (const n of [1, 2, 3]) {
      await stack.app.inject({
        method: 'POST',
        url: `/v1/uploads?filename=f${n}.gpx`,
        headers: { ...alice.headers, 'content-type': 'application/octet-stream' },
        body: `file ${n}`,
      })
    }
    const first = (await stack.app.inject({ url: '/v1/uploads?limit=2', headers: alice.headers })).json()
    expect(first.uploads.map((u: { filename: string }) => u.filename)).toEqual(['f3.gpx', 'f2.gpx'])
    const second = (await stack.app.inject({ url: `/v1/uploads?limit=2&cursor=${first.next_cursor}`, headers: alice.headers })).json()
    expect(second.uploads[0].filename).toBe('f1.gpx')
    const bad = await stack.app.inject({ url: '/v1/uploads?cursor=garbage', headers: alice.headers })
    expect(bad.statusCode).toBe(400)
  })
})

describe('errors', () => {
  it('answers unknown routes with the error shape', async () => {
    const res = await stack.app.inject({ url: '/v1/nothing', headers: alice.headers })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })

  it('answers a malformed PATCH with 400, not 500', async () => {
    const res = await stack.app.inject({
      method: 'PATCH',
      url: '/v1/activities/00000000-0000-0000-0000-000000000000',
      headers: { ...alice.headers, 'content-type': 'application/json' },
      body: '{not json',
    })
    expect(res.statusCode).toBe(400)
  })

  it('readyz reports every dependency', async () => {
    const res = await stack.app.inject({ url: '/readyz' })
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'ok', storage: 'ok' } })
  })
})
