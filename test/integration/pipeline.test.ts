import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { corpusFile, SKIP_WITHOUT_CORPUS } from '../helpers/corpus.js'
import { type Stack, startStack, waitForUpload } from '../helpers/stack.js'

// Upload → storage → queue → worker → Postgres → API, on the real services.
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>
let bob: Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack()
  alice = await stack.user('alice@example.test')
  bob = await stack.user('bob@example.test')
})
afterAll(async () => stack?.close())

function multipart(files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}): FormData {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  for (const f of files) form.append('file', new Blob([f.bytes]), f.name)
  return form
}

async function upload(headers: { authorization: string }, files: { name: string; bytes: Uint8Array }[], fields = {}) {
  const res = await stack.app.inject({ method: 'POST', url: '/v1/uploads', headers, body: multipart(files, fields) })
  expect(res.statusCode, res.body).toBe(202)
  return (res.json() as { uploads: { id: string; status: string; filename: string }[] }).uploads
}

describe.skipIf(SKIP_WITHOUT_CORPUS)('a FIT run uploaded as multipart', () => {
  let uploadId: string
  let final: Record<string, unknown>

  beforeAll(async () => {
    const [u] = await upload(alice.headers, [{ name: 'run.fit', bytes: corpusFile('fit/python-fitparse__garmin-fenix-5-run.fit') }])
    uploadId = u!.id
    expect(u).toMatchObject({ status: 'queued', filename: 'run.fit' })
    final = await waitForUpload(stack, alice.headers, uploadId)
  })

  it('reaches done with one activity', () => {
    expect(final).toMatchObject({ status: 'done', error: null, kind: 'file' })
    expect(final.activity_ids).toHaveLength(1)
    expect(final.activity_id).toBe((final.activity_ids as string[])[0])
  })

  it('serves the activity with its summary fields', async () => {
    const res = await stack.app.inject({ url: `/v1/activities/${String(final.activity_id)}`, headers: alice.headers })
    expect(res.statusCode).toBe(200)
    const a = res.json()
    expect(a).toMatchObject({
      id: final.activity_id,
      upload_id: uploadId,
      format: 'fit',
      compressed: false,
      sport: 'running',
      sport_source: 'declared',
      file: 'run.fit',
    })
    expect(a.elapsed_s).toBeCloseTo(57, 0) // MANIFEST.tsv: 57 s
    expect(a.hr_avg).toBeGreaterThan(60)
    expect(a.samples).toBeGreaterThan(10)
  })

  it('returns heart-rate streams in Strava shape', async () => {
    const res = await stack.app.inject({
      url: `/v1/activities/${String(final.activity_id)}/streams?keys=heartrate,time`,
      headers: alice.headers,
    })
    expect(res.statusCode).toBe(200)
    const streams = res.json()
    expect(Object.keys(streams).sort()).toEqual(['heartrate', 'time'])
    expect(streams.heartrate.series_type).toBe('time')
    expect(streams.heartrate.data).toHaveLength(streams.time.original_size)
    expect(streams.heartrate.data.filter((x: number | null) => x !== null).length).toBeGreaterThan(10)
  })

  it('answers duplicate for the same bytes, pointing at the same activity', async () => {
    const [dup] = await upload(alice.headers, [{ name: 'again.fit', bytes: corpusFile('fit/python-fitparse__garmin-fenix-5-run.fit') }])
    const done = await waitForUpload(stack, alice.headers, dup!.id)
    expect(done).toMatchObject({ status: 'duplicate', activity_id: final.activity_id, duplicate_rule: 'same_bytes' })
  })

  it('hides everything from another user', async () => {
    for (const url of [
      `/v1/uploads/${uploadId}`,
      `/v1/activities/${String(final.activity_id)}`,
      `/v1/activities/${String(final.activity_id)}/streams`,
    ]) {
      const res = await stack.app.inject({ url, headers: bob.headers })
      expect(res.statusCode, url).toBe(404)
      expect(res.json().error.code).toBe('not_found')
    }
    const list = await stack.app.inject({ url: '/v1/activities', headers: bob.headers })
    expect(list.json()).toEqual({ activities: [], next_cursor: null })
    const del = await stack.app.inject({ method: 'DELETE', url: `/v1/activities/${String(final.activity_id)}`, headers: bob.headers })
    expect(del.statusCode).toBe(404)
  })
})

describe.skipIf(SKIP_WITHOUT_CORPUS)('formats and outcomes', () => {
  it.each([
    { file: 'gpx/sports-lib__garmin.gpx', gzip: false, status: 'done', sport: 'running', format: 'gpx' },
    { file: 'tcx/tcxparser__test.tcx', gzip: true, status: 'done', sport: 'running', format: 'tcx' },
    { file: 'gz/sports-lib__7432332116.fit.gz', gzip: false, status: 'done', sport: 'cycling', format: 'fit' },
  ])('$file (gzip: $gzip) as a raw body → $status', async ({ file, gzip, status, sport, format }) => {
    const raw = corpusFile(file)
    const res = await stack.app.inject({
      method: 'POST',
      url: `/v1/uploads?filename=${encodeURIComponent(file.split('/')[1]!)}`,
      headers: { ...alice.headers, 'content-type': 'application/octet-stream' },
      body: gzip ? gzipSync(raw) : raw,
    })
    expect(res.statusCode, res.body).toBe(202)
    const done = await waitForUpload(stack, alice.headers, res.json().uploads[0].id)
    expect(done.status).toBe(status)
    const activity = (await stack.app.inject({ url: `/v1/activities/${String(done.activity_id)}`, headers: alice.headers })).json()
    expect(activity).toMatchObject({ sport, format, compressed: gzip || file.endsWith('.gz') })
  })

  it.each([
    { file: 'fit/python-fitparse__Settings2.fit', code: 'no_activity_data' },
    { file: 'tcx/rowingdata__faketcx.tcx', code: 'unsupported_format' },
    { file: 'gpx/gpxpy__route.gpx', code: 'no_activity_data' },
  ])('$file fails with $code', async ({ file, code }) => {
    const [u] = await upload(alice.headers, [{ name: file, bytes: corpusFile(file) }])
    const done = await waitForUpload(stack, alice.headers, u!.id)
    expect(done).toMatchObject({ status: 'failed', activity_ids: [] })
    expect((done.error as { code: string }).code).toBe(code)
  })

  it.skipIf(SKIP_WITHOUT_CORPUS)('makes one activity per session of a triathlon', async () => {
    const [u] = await upload(alice.headers, [{ name: 'tri.fit', bytes: corpusFile('fit/python-fitparse__sample_mulitple_header.fit') }])
    const done = await waitForUpload(stack, alice.headers, u!.id)
    expect(done.status).toBe('done')
    expect(done.activity_ids).toHaveLength(5) // MANIFEST.tsv: 5 sessions
  })

  it.skipIf(SKIP_WITHOUT_CORPUS)('takes several files in one multipart request, with a sport override', async () => {
    const uploads = await upload(
      alice.headers,
      [
        { name: 'a.gpx', bytes: corpusFile('gpx/sports-lib__amazfit.gpx') },
        { name: 'b.tcx', bytes: corpusFile('tcx/sports-lib__movescount.tcx') },
      ],
      { sport: 'walking' },
    )
    expect(uploads.map((u) => u.filename)).toEqual(['a.gpx', 'b.tcx'])
    for (const u of uploads) {
      const done = await waitForUpload(stack, alice.headers, u.id)
      const a = (await stack.app.inject({ url: `/v1/activities/${String(done.activity_id)}`, headers: alice.headers })).json()
      expect(a).toMatchObject({ sport: 'walking', sport_source: 'user' })
    }
  })
})
