import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RawClient, requestHead } from '../helpers/raw-http.js'
import { type Stack, startStack } from '../helpers/stack.js'

// An API process that shuts down (SIGTERM, a deploy) drains: what it has started finishes, and a
// request that still arrives is told, in the API's own error shape, to come back.
let stack: Stack
beforeAll(async () => {
  stack = await startStack({ worker: false })
})
afterAll(async () => stack?.close())

describe('an API that is shutting down', () => {
  it('answers a request arriving on a kept-alive connection 503 unavailable, with Retry-After', async () => {
    const { headers } = await stack.user()
    const app = await stack.anotherApp()
    await app.listen({ port: 0, host: '127.0.0.1' })
    const client = await RawClient.open((app.server.address() as { port: number }).port)
    const body = 'x'.repeat(64 * 1024)
    // A raw upload is in flight (half its body sent) when shutdown begins.
    await client.write(
      requestHead('POST', '/v1/uploads?filename=a.gpx', {
        ...headers,
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
      }),
    )
    await client.write(body.slice(0, 1000))
    const closed = app.close()
    await new Promise((r) => setTimeout(r, 100))
    // The rest of its body, and then a second request on the same connection.
    await client.write(body.slice(1000) + requestHead('GET', '/v1/uploads', headers))
    const first = await client.response()
    const second = await client.response()
    const answers = [first, second].filter((r) => r !== null && r.status === 503)
    expect(answers.length).toBeGreaterThan(0)
    for (const r of answers) {
      expect(r!.headers['retry-after']).toBeDefined()
      expect(JSON.parse(r!.body)).toMatchObject({ error: { code: 'unavailable' } })
    }
    await closed
  })
})
