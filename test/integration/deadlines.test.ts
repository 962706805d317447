import { mkdtemp, rm } from 'node:fs/promises'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openServices } from '../../src/cli/runtime.js'
import { loadConfig } from '../../src/config.js'
import { toFitledgerError } from '../../src/http/errors.js'
import { createObjectStore } from '../../src/storage/from-url.js'
import { S3ObjectStore } from '../../src/storage/s3.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { activityFiles } from '../helpers/exports.js'
import { startS3Server, type TestS3Server } from '../helpers/s3-server.js'
import { postFile, REDIS_URL, type Stack, startStack, waitForUpload } from '../helpers/stack.js'

// Nothing may hang for ever (issue 10, item 11): every wait on Postgres and storage has a
// deadline, and so does every job, after which it is retried.

/**
 * A storage endpoint on loopback that accepts connections and, while `blackHole` is set, never
 * answers them; otherwise it passes each connection through to `target` (a real s3rver).
 */
class Endpoint {
  blackHole = true
  private readonly sockets = new Set<Socket>()
  private server: Server | null = null
  constructor(private readonly target?: number) {}

  async start(): Promise<string> {
    this.server = createServer((client) => {
      this.sockets.add(client)
      client.on('close', () => this.sockets.delete(client))
      client.on('error', () => {})
      if (this.blackHole || this.target === undefined) return client.resume() // read, never reply
      const upstream = connect(this.target, '127.0.0.1')
      upstream.on('error', () => client.destroy())
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`
  }

  /** From now on every connection is swallowed; the kept-alive ones are cut, so clients reconnect. */
  swallow(): void {
    this.blackHole = true
    for (const s of this.sockets) s.destroy()
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise((resolve) => this.server?.close(resolve))
  }
}

describe('Postgres deadlines from the configuration', () => {
  let testDb: TestDb
  let objects: string
  beforeAll(async () => {
    testDb = await createTestDb()
    objects = await mkdtemp(join(tmpdir(), 'fitledger-deadlines-'))
  })
  afterAll(async () => {
    await testDb?.drop()
    await rm(objects, { recursive: true, force: true })
  })

  const open = (env: Record<string, string>) =>
    openServices(
      loadConfig({
        DATABASE_URL: testDb.url,
        REDIS_URL,
        STORAGE_URL: `file://${objects}`,
        QUEUE_PREFIX: `fldl-${randomBytes(4).toString('hex')}`,
        ...env,
      }),
    )

  it('a statement that runs past PG_STATEMENT_TIMEOUT_MS is cancelled, and counts as unavailable', async () => {
    const services = await open({ PG_STATEMENT_TIMEOUT_MS: '300' })
    try {
      const err: unknown = await sql`select pg_sleep(3)`.execute(services.db).then(
        () => null,
        (e: unknown) => e,
      )
      expect((err as { code?: string } | null)?.code).toBe('57014') // query_canceled
      expect(toFitledgerError(err).code).toBe('unavailable')
    } finally {
      await services.close()
    }
  })

  it('waiting for a connection from a full pool ends after PG_CONNECT_TIMEOUT_MS', async () => {
    const services = await open({ PG_POOL_MAX: '1', PG_CONNECT_TIMEOUT_MS: '300' })
    try {
      const err = await services.db.transaction().execute(async (tx) => {
        await sql`select 1`.execute(tx) // holds the pool's only connection
        return sql`select 2`.execute(services.db).then(
          () => null,
          (e: unknown) => e,
        )
      })
      expect(String(err)).toMatch(/timeout/)
      expect(toFitledgerError(err).code).toBe('unavailable')
    } finally {
      await services.close()
    }
  })
})

describe('a storage endpoint that accepts connections and never answers', () => {
  it('fails a get after STORAGE_TIMEOUT_S instead of waiting for ever', async () => {
    const hole = new Endpoint()
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'fitledger')
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fitledger')
    const store = createObjectStore(
      loadConfig({
        STORAGE_URL: 's3://black-hole/objects',
        S3_ENDPOINT: await hole.start(),
        S3_FORCE_PATH_STYLE: 'true',
        STORAGE_TIMEOUT_S: '1',
      }),
    )
    try {
      const err: unknown = await store.get(`sha256/00/00/${'0'.repeat(64)}`).then(
        () => null,
        (e: unknown) => e,
      )
      expect(err).not.toBeNull()
      expect(toFitledgerError(err).code).toBe('unavailable')
    } finally {
      await store.close?.()
      await hole.close()
      vi.unstubAllEnvs()
    }
  }, 30_000)

  it('answers an upload 503 unavailable, with Retry-After, instead of hanging', async () => {
    const hole = new Endpoint()
    const store = new S3ObjectStore({
      bucket: 'black-hole',
      prefix: '',
      region: 'us-east-1',
      endpoint: await hole.start(),
      forcePathStyle: true,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      timeoutMs: 500,
    })
    const stack = await startStack({ storage: store, worker: false })
    try {
      const user = await stack.user()
      const [file] = activityFiles(1, 47)
      const res = await stack.app.inject({
        method: 'POST',
        url: `/v1/uploads?filename=${file!.name}`,
        headers: { ...user.headers, 'content-type': 'application/octet-stream' },
        body: Buffer.from(file!.bytes),
      })
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toMatch(/^\d+$/)
      expect(res.json()).toEqual({ error: { code: 'unavailable', message: expect.any(String) } })
    } finally {
      await stack.close()
      await store.close()
      await hole.close()
    }
  }, 30_000)

  describe('in the middle of a job', () => {
    let s3: TestS3Server
    let endpoint: Endpoint
    let store: S3ObjectStore
    let stack: Stack
    beforeAll(async () => {
      s3 = await startS3Server()
      endpoint = new Endpoint(Number(new URL(s3.endpoint).port))
      endpoint.blackHole = false
      // Storage's own deadline is long here: the job's deadline is what must end the attempt.
      store = new S3ObjectStore({
        bucket: s3.bucket,
        prefix: 'objects',
        region: s3.region,
        endpoint: await endpoint.start(),
        forcePathStyle: true,
        credentials: s3.credentials,
        timeoutMs: 120_000,
      })
      stack = await startStack({ storage: store, worker: false, jobTimeoutS: 2 })
    })
    afterAll(async () => {
      await stack?.close()
      await store?.close()
      await endpoint?.close()
      await s3?.close()
    })

    it('the job ends at JOB_TIMEOUT_S, is retried, and finishes once storage answers again', async () => {
      const user = await stack.user()
      const [file] = activityFiles(1, 41)
      const id = await postFile(stack, user.headers, file!.name, file!.bytes)
      endpoint.swallow()
      stack.startWorker()
      // A second attempt starts only if the first, stuck on the silent socket, was given up.
      const attempts = async () =>
        (await stack.testDb.db.selectFrom('uploads').select('attempts').where('id', '=', id).executeTakeFirstOrThrow()).attempts
      for (const deadline = Date.now() + 40_000; (await attempts()) < 2;) {
        if (Date.now() > deadline) throw new Error(`still on attempt ${await attempts()}: the stuck job was never given up`)
        await new Promise((r) => setTimeout(r, 200))
      }
      endpoint.blackHole = false
      const done = await waitForUpload(stack, user.headers, id, 60_000)
      expect(done).toMatchObject({ status: 'done', error: null })
    }, 120_000)
  })
})
