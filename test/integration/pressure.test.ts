import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Stack, startStack } from '../helpers/stack.js'

// Back-pressure: per-token budgets answer 429, a full house answers 503, both with Retry-After.
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>
let bob: Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack({ worker: false, limits: { uploadsPerMinute: 3, maxConcurrentUploads: 1 } })
  alice = await stack.user()
  bob = await stack.user()
})
afterAll(async () => stack?.close())

const post = (headers: { authorization: string }, body: string) =>
  stack.app.inject({
    method: 'POST',
    url: '/v1/uploads?filename=a.gpx',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body,
  })

describe('per-token upload budget', () => {
  it('answers 429 rate_limited with Retry-After past the budget, for that token only', async () => {
    for (const n of [1, 2, 3]) expect((await post(alice.headers, `a${n}`)).statusCode).toBe(202)
    const over = await post(alice.headers, 'a4')
    expect(over.statusCode).toBe(429)
    expect(over.json().error.code).toBe('rate_limited')
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0)
    expect((await post(bob.headers, 'b1')).statusCode).toBe(202)
  })
})

describe('one budget per authenticated token', () => {
  it('counts every spelling of the same bearer header against one budget', async () => {
    const dave = await stack.user()
    const token = dave.headers.authorization.slice('Bearer '.length)
    // Each spelling authenticates (auth reads the scheme case-blind and any run of spaces).
    const spellings = [`Bearer ${token}`, `bearer ${token}`, `Bearer  ${token}`, `BEARER\t${token} `]
    const answers: number[] = []
    for (const authorization of spellings) answers.push((await post({ authorization }, 'd')).statusCode)
    // The budget is 3 a minute: the fourth request is over it, whatever its spelling.
    expect(answers).toEqual([202, 202, 202, 429])
  })

  it('gives an unknown token 401, not a budget of its own', async () => {
    const res = await post({ authorization: 'Bearer flt_unknown' }, 'x')
    expect(res.statusCode).toBe(401)
  })
})

describe('concurrent uploads', () => {
  it('answers 503 with Retry-After while the house is full, and accepts again after', async () => {
    const carol = await stack.user() // a fresh budget: this test is about the slot, not the rate
    const address = await stack.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = stack.app.server.address() as AddressInfo
    // A slow client holds the only slot: it sends half its body and waits.
    const slow = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/uploads?filename=slow.gpx',
      headers: { ...carol.headers, 'content-type': 'application/octet-stream', 'content-length': '20' },
    })
    const slowDone = new Promise<number>((resolve, reject) => {
      slow.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      slow.on('error', reject)
    })
    slow.write('0123456789')
    await new Promise((r) => setTimeout(r, 200))
    const busy = await fetch(`${address}/v1/uploads?filename=b.gpx`, {
      method: 'POST',
      headers: { ...carol.headers, 'content-type': 'application/octet-stream' },
      body: 'x',
    })
    expect(busy.status).toBe(503)
    expect(busy.headers.get('retry-after')).toBe('5')
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('unavailable')
    slow.end('0123456789')
    expect(await slowDone).toBe(202)
    const after = await fetch(`${address}/v1/uploads?filename=c.gpx`, {
      method: 'POST',
      headers: { ...carol.headers, 'content-type': 'application/octet-stream' },
      body: 'y',
    })
    expect(after.status).toBe(202)
  })
})

describe('a budget shared by several API processes', () => {
  it('counts one token across two APIs through Redis', async () => {
    const shared = await startStack({ worker: false, sharedRateLimits: true, limits: { uploadsPerMinute: 3 } })
    try {
      const carol = await shared.user()
      const second = await shared.anotherApp()
      const send = (app: typeof second, n: number) =>
        app.inject({
          method: 'POST',
          url: '/v1/uploads?filename=a.gpx',
          headers: { ...carol.headers, 'content-type': 'application/octet-stream' },
          body: `c${n}`,
        })
      expect((await send(shared.app, 1)).statusCode).toBe(202)
      expect((await send(second, 2)).statusCode).toBe(202)
      expect((await send(shared.app, 3)).statusCode).toBe(202)
      const over = await send(second, 4)
      expect(over.statusCode).toBe(429)
      expect(over.json().error.code).toBe('rate_limited')
    } finally {
      await shared.close()
    }
  })
})
