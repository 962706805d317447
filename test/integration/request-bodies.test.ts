import { readdir } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RawClient, requestHead } from '../helpers/raw-http.js'
import { type Stack, startStack } from '../helpers/stack.js'

// Every way a client can make a request body fail, over a real socket: the answer is a 4xx (or,
// when the client went away, nothing), never a 5xx; a body over the limit still gets its 413;
// and a kept-alive connection never hangs the next request.
const MAX_UPLOAD_BYTES = 256 * 1024
let stack: Stack
let port: number
let auth: string
const logLines: Record<string, unknown>[] = []

beforeAll(async () => {
  const log = pino({ level: 'info' }, { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) })
  stack = await startStack({ worker: false, maxUploadBytes: MAX_UPLOAD_BYTES, log })
  auth = (await stack.user()).headers.authorization
  await stack.app.listen({ port: 0, host: '127.0.0.1' })
  port = (stack.app.server.address() as AddressInfo).port
})
afterAll(async () => stack?.close())

const ENDINGS = new Set([
  'request completed',
  'stream closed prematurely',
  'request rejected',
  'request failed',
  'request aborted by the client',
])

/**
 * Waits until every request the server took in since log line `from` has ended (answered or
 * abandoned), then checks that nothing it logged says 5xx or error: a client's bad body is never
 * our failure.
 */
async function expectNoServerFault(from: number): Promise<void> {
  const since = () => logLines.slice(from)
  for (let i = 0; ; i++) {
    const began = since().filter((l) => l.msg === 'incoming request').length
    const ended = new Set(
      since()
        .filter((l) => ENDINGS.has(String(l.msg)))
        .map((l) => l.reqId),
    ).size
    if (began === ended) break
    if (i > 500) throw new Error(`a request never ended: ${JSON.stringify(since().map((l) => l.msg))}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  await new Promise((r) => setTimeout(r, 100)) // an error logged just after the abort
  const faults = since().filter((l) => Number(l.level) >= 50 || Number((l.res as { statusCode?: number } | undefined)?.statusCode) >= 500)
  expect(faults.map((l) => ({ msg: l.msg, err: (l.err as { message?: string } | undefined)?.message, res: l.res }))).toEqual([])
}

/** Files the store holds, temp files included. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(stack.objectsDir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort()
}

const BOUNDARY = 'FitledgerBoundary7MA4YWxk'
const partHead = (disposition: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/octet-stream\r\n\r\n`
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`
const GPX = '<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"></gpx>'

interface BodyCase {
  readonly input: string
  readonly method?: string
  readonly path?: string
  readonly headers: Record<string, string>
  readonly body: string | Uint8Array
  readonly status: number
}

const withLength = (headers: Record<string, string>, body: string | Uint8Array) => ({
  ...headers,
  'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength),
})

const multipart = (input: string, body: string, status: number, contentType = multipartType): BodyCase => ({
  input,
  headers: { 'content-type': contentType },
  body,
  status,
})

// Each answers a complete response on a connection that stays usable.
const MALFORMED: BodyCase[] = [
  multipart('multipart without its closing boundary', `${partHead('form-data; name="file"; filename="a.gpx"')}${GPX}`, 400),
  multipart('multipart cut off inside a part header', `--${BOUNDARY}\r\nContent-Disposition: form-da`, 400),
  multipart(
    'multipart whose body uses another boundary',
    `--Other\r\nContent-Disposition: form-data; name="file"; filename="a.gpx"\r\n\r\n${GPX}\r\n--Other--\r\n`,
    400,
  ),
  multipart(
    'multipart with no boundary parameter',
    `${partHead('form-data; name="file"; filename="a.gpx"')}${GPX}\r\n--${BOUNDARY}--\r\n`,
    400,
    'multipart/form-data',
  ),
  multipart('a file part without a filename', `${partHead('form-data; name="file"')}${GPX}\r\n--${BOUNDARY}--\r\n`, 400),
  multipart('a part without Content-Disposition', `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\n${GPX}\r\n--${BOUNDARY}--\r\n`, 400),
  multipart('a multipart body that is only the closing boundary', `--${BOUNDARY}--\r\n`, 400),
  multipart('a multipart body of garbage', 'this is not multipart at all', 400),
  multipart(
    'a JSON field that is not JSON',
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\nContent-Type: application/json\r\n\r\n{nope\r\n--${BOUNDARY}--\r\n`,
    400,
  ),
  multipart(
    'a field named __proto__',
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
    400,
  ),
  multipart(
    'a file part named otherwise than file',
    `${partHead('form-data; name="photo"; filename="a.gpx"')}${GPX}\r\n--${BOUNDARY}--\r\n`,
    400,
  ),
  {
    input: 'invalid JSON to PUT /v1/profile',
    method: 'PUT',
    path: '/v1/profile',
    headers: { 'content-type': 'application/json' },
    body: '{"weight_kg":',
    status: 400,
  },
  {
    input: 'gzip-encoded JSON to PUT /v1/profile',
    method: 'PUT',
    path: '/v1/profile',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: gzipSync('{"weight_kg":70}'),
    status: 400,
  },
  {
    input: 'a raw upload with Content-Encoding: gzip (stored as the gzip file it is)',
    headers: { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' },
    body: gzipSync(GPX),
    status: 202,
  },
  { input: 'an empty raw upload', headers: { 'content-type': 'application/octet-stream' }, body: '', status: 400 },
]

describe('a malformed body answers 4xx, never 5xx, on a connection that stays usable', () => {
  it.each(MALFORMED)('$input → $status', async ({ method, path, headers, body, status }) => {
    const mark = logLines.length
    const client = await RawClient.open(port)
    try {
      await client.write(
        requestHead(method ?? 'POST', path ?? '/v1/uploads?filename=a.gpx', withLength({ ...headers, authorization: auth }, body)),
      )
      await client.write(body)
      const res = await client.response()
      expect(res?.status, res?.body).toBe(status)
      if (status >= 400) expect(JSON.parse(res?.body ?? '{}').error.code).toMatch(/^(bad_request|too_large|unsupported_format)$/)
      // The same connection answers the next request, or the server said it would close it.
      if (res?.headers.connection === 'close') await client.serverClosed()
      else {
        await client.write(requestHead('GET', '/healthz', {}))
        expect((await client.response())?.status).toBe(200)
      }
      await expectNoServerFault(mark)
    } finally {
      client.destroy()
    }
  })
})

// The HTTP parser's own refusals: answered before any route runs, and never a 5xx.
const BAD_FRAMING: { input: string; headers: Record<string, string>; body: string }[] = [
  { input: 'a Content-Length that is not a number', headers: { 'content-length': 'ten' }, body: 'x' },
  { input: 'two different Content-Length headers', headers: { 'content-length': '1\r\ncontent-length: 2' }, body: 'xx' },
  {
    input: 'Content-Length and chunked together',
    headers: { 'content-length': '3', 'transfer-encoding': 'chunked' },
    body: '3\r\nabc\r\n0\r\n\r\n',
  },
  { input: 'a chunk size that is not hex', headers: { 'transfer-encoding': 'chunked' }, body: 'zz\r\nabc\r\n0\r\n\r\n' },
]

describe('a body the HTTP parser cannot frame', () => {
  it.each(BAD_FRAMING)('$input → 400 and the connection closes', async ({ headers, body }) => {
    const mark = logLines.length
    const client = await RawClient.open(port)
    try {
      await client.write(
        requestHead('POST', '/v1/uploads', { authorization: auth, 'content-type': 'application/octet-stream', ...headers }),
      )
      await client.write(body)
      const res = await client.response()
      expect(res?.status).toBe(400)
      await client.serverClosed()
      await expectNoServerFault(mark)
    } finally {
      client.destroy()
    }
  })
})

describe('a client that goes away mid-body', () => {
  const uploads = [
    { input: 'raw', type: 'application/octet-stream', first: GPX.slice(0, 40) },
    { input: 'multipart', type: multipartType, first: `${partHead('form-data; name="file"; filename="a.gpx"')}${GPX.slice(0, 40)}` },
  ]
  it.each(uploads)('$input, closing its side early → 4xx or closed, no 5xx, nothing left in storage', async ({ type, first }) => {
    const before = await storedFiles()
    const mark = logLines.length
    const client = await RawClient.open(port)
    try {
      await client.write(
        requestHead('POST', '/v1/uploads?filename=a.gpx', { authorization: auth, 'content-type': type, 'content-length': '100000' }),
      )
      await client.write(first)
      client.socket.end() // half-close: the body will never be complete
      const res = await client.response()
      if (res) expect(res.status).toBeGreaterThanOrEqual(400)
      if (res) expect(res.status).toBeLessThan(500)
      await expectNoServerFault(mark)
      expect(await storedFiles()).toEqual(before)
    } finally {
      client.destroy()
    }
  })

  it.each(uploads)('$input, resetting the connection → no 5xx, nothing left in storage', async ({ type, first }) => {
    const before = await storedFiles()
    const mark = logLines.length
    const client = await RawClient.open(port)
    await client.write(
      requestHead('POST', '/v1/uploads?filename=a.gpx', { authorization: auth, 'content-type': type, 'transfer-encoding': 'chunked' }),
    )
    await client.write(`${first.length.toString(16)}\r\n${first}\r\n`)
    await new Promise((r) => setTimeout(r, 100)) // the server is reading the body now
    client.socket.resetAndDestroy()
    await expectNoServerFault(mark)
    expect(await storedFiles()).toEqual(before)
  })
})

describe('a body over MAX_UPLOAD_BYTES from a client that keeps sending', () => {
  const CHUNK = Buffer.alloc(64 * 1024, 0x41)
  const overLimit = [
    { input: 'raw, chunked', type: 'application/octet-stream', chunked: true, lead: '' },
    { input: 'raw, with its Content-Length', type: 'application/octet-stream', chunked: false, lead: '' },
    { input: 'multipart, chunked', type: multipartType, chunked: true, lead: partHead('form-data; name="file"; filename="big.fit"') },
  ]

  it.each(overLimit)(
    '$input → reads its 413; the connection then closes cleanly or serves the next request',
    async ({ type, chunked, lead }) => {
      const total = 4 * MAX_UPLOAD_BYTES
      const before = await storedFiles()
      const mark = logLines.length
      const client = await RawClient.open(port)
      try {
        const framing: Record<string, string> = chunked
          ? { 'transfer-encoding': 'chunked' }
          : { 'content-length': String(lead.length + total) }
        await client.write(requestHead('POST', '/v1/uploads?filename=big.fit', { authorization: auth, 'content-type': type, ...framing }))
        const frame = (data: string | Buffer) =>
          chunked
            ? Buffer.concat([Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')])
            : Buffer.from(data)
        if (lead) await client.write(frame(lead))
        // Keep sending, as a real client does, until the answer arrives or everything is sent.
        let answer: Promise<Awaited<ReturnType<RawClient['response']>>> | null = client.response()
        let got: Awaited<ReturnType<RawClient['response']>> | undefined
        void answer.then(
          (r) => (got = r),
          () => undefined,
        )
        for (let sent = 0; sent < total && got === undefined && client.error === null; sent += CHUNK.length) {
          await Promise.race([client.write(frame(CHUNK)), new Promise((r) => setTimeout(r, 200))])
        }
        const res = await answer
        answer = null
        expect(res, `no response; socket error ${String(client.error?.code)}`).not.toBeNull()
        expect(res?.status).toBe(413)
        expect(JSON.parse(res?.body ?? '{}').error.code).toBe('too_large')
        if (res?.headers.connection === 'close') {
          await client.serverClosed()
        } else {
          await client.write(requestHead('GET', '/healthz', {}))
          expect((await client.response())?.status).toBe(200)
        }
        await expectNoServerFault(mark)
        expect(await storedFiles()).toEqual(before)
      } finally {
        client.destroy()
      }
    },
  )
})

describe('a kept-alive connection after an upload', () => {
  it('answers a second upload on the same connection', async () => {
    const mark = logLines.length
    const client = await RawClient.open(port)
    try {
      for (const name of ['one.gpx', 'two.gpx']) {
        const body = GPX.replace('creator="x"', `creator="${name}"`)
        await client.write(
          requestHead(
            'POST',
            `/v1/uploads?filename=${name}`,
            withLength({ authorization: auth, 'content-type': 'application/octet-stream' }, body),
          ),
        )
        await client.write(body)
        const res = await client.response()
        expect(res?.status).toBe(202)
        expect(res?.headers.connection).not.toBe('close')
      }
      await expectNoServerFault(mark)
    } finally {
      client.destroy()
    }
  })
})
