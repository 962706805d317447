import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFit } from '../../fixtures/encode/index.js'
import { type Stack, startStack, waitForUpload } from '../helpers/stack.js'
import { buildZip } from '../helpers/zip.js'

// The hostile-input catalogue (README.md, "Hostile input"): each input through the real API and
// worker, its outcome, and the service still healthy with nothing secret in any answer.
let stack: Stack
let user: Awaited<ReturnType<Stack['user']>>
const answers: string[] = []

beforeAll(async () => {
  stack = await startStack({ maxUploadBytes: 4 * 1024 * 1024 })
  user = await stack.user()
})
afterAll(async () => {
  // Nothing from the server's files or secrets may ever come back.
  const all = answers.join('\n')
  expect(all).not.toMatch(/root:x:0|BEGIN (RSA|OPENSSH) PRIVATE|postgres:\/\/|flt_[\w-]{40}/)
  await stack?.close()
})

const tcx = (points: string, start = '2026-03-01T07:00:00Z') => `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>${start}</Id>
<Lap StartTime="${start}"><TotalTimeSeconds>60</TotalTimeSeconds><Track>${points}</Track></Lap>
</Activity></Activities></TrainingCenterDatabase>`
const point = (t: string, hr: number, d: number) =>
  `<Trackpoint><Time>${t}</Time><DistanceMeters>${d}</DistanceMeters><HeartRateBpm><Value>${hr}</Value></HeartRateBpm></Trackpoint>`
const gpx = (prolog: string, body: string) =>
  `<?xml version="1.0"?>${prolog}<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${body}<trkpt lat="46" lon="14"><time>2026-03-01T07:00:00Z</time></trkpt><trkpt lat="46.001" lon="14"><time>2026-03-01T07:01:00Z</time></trkpt></trkseg></trk></gpx>`

function fitClaimingGigabytes(): Uint8Array {
  const t = Array.from({ length: 30 }, (_, i) => i)
  const bytes = encodeFit({
    sessions: [{ start_ms: Date.UTC(2026, 2, 1), sport: { fit: 'running' }, samples: { time_s: t, heart_rate_bpm: t.map(() => 130) } }],
  })
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, 0xfffffff0, true) // data size: ~4 GB
  return bytes
}

const nested = (depth: number) => `<?xml version="1.0"?><gpx>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</gpx>`

interface Case {
  readonly input: string
  readonly body: Uint8Array | string
  readonly filename?: string
  readonly multipart?: boolean
  readonly status: number // of POST
  readonly outcome?: string // final upload status/code
}

const CATALOGUE: Case[] = [
  { input: 'a one-byte body', body: 'x', status: 202, outcome: 'failed/unsupported_format' },
  { input: 'a PNG image', body: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), status: 202, outcome: 'failed/unsupported_format' },
  { input: 'a PDF', body: '%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF', status: 202, outcome: 'failed/unsupported_format' },
  {
    input: 'an HTML page',
    body: '<!doctype html><html><body><script>alert(1)</script></body></html>',
    status: 202,
    outcome: 'failed/unsupported_format',
  },
  { input: 'GPX with a DOCTYPE', body: gpx('<!DOCTYPE gpx>', ''), status: 202, outcome: 'failed/corrupt_file' },
  {
    input: 'billion laughs (nested internal entities)',
    body: gpx(
      '<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
      '<name>&d;</name>',
    ),
    status: 202,
    outcome: 'failed/corrupt_file',
  },
  {
    input: 'XXE reading /etc/passwd',
    body: gpx('<!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<name>&x;</name>'),
    status: 202,
    outcome: 'failed/corrupt_file',
  },
  { input: 'XML nested 100 000 deep', body: nested(100_000), status: 202, outcome: 'failed/corrupt_file' },
  {
    input: 'a gzip bomb (300 MiB of zeros in 300 KiB)',
    body: gzipSync(Buffer.alloc(300 * 1024 * 1024)),
    status: 202,
    outcome: 'failed/too_large',
  },
  {
    input: 'truncated gzip',
    body: gzipSync(Buffer.from(tcx(point('2026-03-01T07:00:00Z', 120, 0)))).subarray(0, 40),
    status: 202,
    outcome: 'failed/corrupt_file',
  },
  { input: 'a FIT header that claims 4 GB of data', body: fitClaimingGigabytes(), status: 202, outcome: 'done' },
  {
    input: 'heart rate 255 and a negative distance',
    body: tcx(point('2026-03-01T07:00:00Z', 120, 0) + point('2026-03-01T07:00:30Z', 255, -50) + point('2026-03-01T07:01:00Z', 130, 100)),
    status: 202,
    outcome: 'done',
  },
  {
    input: 'timestamps in 1970',
    body: tcx(point('1970-01-01T00:00:00Z', 120, 0) + point('1970-01-01T00:01:00Z', 120, 10), '1970-01-01T00:00:00Z'),
    status: 202,
    outcome: 'failed/no_activity_data',
  },
  {
    input: 'timestamps in 2100',
    body: tcx(point('2100-01-01T00:00:00Z', 120, 0) + point('2100-01-01T00:01:00Z', 120, 10), '2100-01-01T00:00:00Z'),
    status: 202,
    outcome: 'failed/no_activity_data',
  },
  { input: 'a path-traversal file name', body: 'x', filename: '../../../etc/passwd', status: 202, outcome: 'failed/unsupported_format' },
  {
    input: 'a file name with NUL bytes and 5 000 characters (multipart)',
    body: 'x',
    filename: `a\u0000b${'n'.repeat(5000)}.fit`,
    multipart: true,
    status: 202,
    outcome: 'failed/unsupported_format',
  },
  { input: 'a 5 000-character ?filename=', body: 'x', filename: 'n'.repeat(5000), status: 400 },
  { input: 'a body past MAX_UPLOAD_BYTES', body: Buffer.alloc(5 * 1024 * 1024, 1), status: 413 },
  { input: 'an empty body', body: '', status: 400 },
]

async function healthy(): Promise<void> {
  const res = await stack.app.inject({ url: '/healthz' })
  expect(res.statusCode).toBe(200)
}

describe('the hostile-input catalogue', () => {
  it.each(CATALOGUE)('$input → $status $outcome', async ({ body, filename, multipart, status, outcome }) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)
    const form = new FormData()
    form.append('file', new Blob([bytes]), filename ?? 'upload.bin')
    const res = multipart
      ? await stack.app.inject({ method: 'POST', url: '/v1/uploads', headers: user.headers, body: form })
      : await stack.app.inject({
          method: 'POST',
          url: `/v1/uploads?filename=${encodeURIComponent(filename ?? 'upload.bin')}`,
          headers: { ...user.headers, 'content-type': 'application/octet-stream' },
          body: bytes,
        })
    answers.push(res.body)
    expect(res.statusCode, res.body).toBe(status)
    if (status === 202) {
      const [accepted] = res.json().uploads
      expect(accepted.filename).not.toMatch(/[/\\]/)
      expect(accepted.filename).not.toContain(String.fromCharCode(0))
      expect(accepted.filename.length).toBeLessThanOrEqual(255)
      const done = await waitForUpload(stack, user.headers, accepted.id)
      answers.push(JSON.stringify(done))
      const code = (done.error as { code?: string } | null)?.code
      expect(code ? `${String(done.status)}/${code}` : done.status).toBe(outcome)
      if (done.status === 'done') {
        const activity = await stack.app.inject({ url: `/v1/activities/${String(done.activity_id)}`, headers: user.headers })
        answers.push(activity.body)
        const a = activity.json()
        if (a.hr_max !== null) expect(a.hr_max).toBeLessThanOrEqual(230)
        if (a.distance_m !== null) expect(a.distance_m).toBeGreaterThanOrEqual(0)
      }
    } else {
      expect(res.json().error.code).toMatch(/^(bad_request|too_large)$/)
    }
    await healthy()
  })

  it('a multipart request with thousands of parts → 413, and the service stays up', async () => {
    const form = new FormData()
    for (let i = 0; i < 3000; i++) form.append('file', new Blob(['x']), `f${i}.fit`)
    const res = await stack.app.inject({ method: 'POST', url: '/v1/uploads', headers: user.headers, body: form })
    answers.push(res.body)
    expect(res.statusCode).toBe(413)
    expect(res.json().error.code).toBe('too_large')
    await healthy()
  })

  it('an archive nested three deep → archive_rejected naming the depth cap, and no child', async () => {
    const inner = await buildZip([{ name: 'x.fit', bytes: fitClaimingGigabytes() }])
    const middle = await buildZip([{ name: 'inner.zip', bytes: inner }])
    const outer = await buildZip([{ name: 'middle.zip', bytes: middle }])
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/uploads?filename=nested.zip',
      headers: { ...user.headers, 'content-type': 'application/zip' },
      body: outer,
    })
    answers.push(res.body)
    expect(res.statusCode).toBe(202)
    const done = await waitForUpload(stack, user.headers, res.json().uploads[0].id)
    expect(done).toMatchObject({ kind: 'archive', status: 'failed', error: { code: 'archive_rejected' } })
    expect((done.error as { message: string }).message).toContain('ARCHIVE_MAX_DEPTH')
    expect(done.counts).toMatchObject({ queued: 0, processing: 0, done: 0 })
    await healthy()
  })
})
