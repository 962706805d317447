import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unfinishedUploadCounts } from '../../src/db/uploads.js'
import { freePort } from '../chaos/services.js'
import { runCli } from '../helpers/cli.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { REDIS_URL, type Stack, startStack } from '../helpers/stack.js'

// Issue 10, item 20: what an operator needs from a running fleet.

describe('fitledger work', () => {
  let testDb: TestDb
  let objects: string
  beforeAll(async () => {
    testDb = await createTestDb()
    objects = await mkdtemp(join(tmpdir(), 'fitledger-ops-'))
  })
  afterAll(async () => {
    await testDb?.drop()
    await rm(objects, { recursive: true, force: true })
  })

  it('serves its metrics on METRICS_PORT, with a Postgres pool sized from its concurrency', async () => {
    const port = await freePort()
    let stop: (signal: string) => void = () => {}
    const stopped = new Promise<string>((resolve) => (stop = resolve))
    const env = {
      DATABASE_URL: testDb.url,
      REDIS_URL,
      STORAGE_URL: `file://${objects}`,
      QUEUE_PREFIX: `flops-${randomBytes(4).toString('hex')}`,
      WORKER_CONCURRENCY: '3',
      METRICS_PORT: String(port),
      LOG_LEVEL: 'silent',
    }
    const running = runCli(['work'], env, stopped)
    try {
      let text = ''
      for (const deadline = Date.now() + 20_000; text === '';) {
        text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
          (r) => (r.ok ? r.text() : ''),
          () => '',
        )
        if (text === '' && Date.now() > deadline) throw new Error('no /metrics on METRICS_PORT')
        if (text === '') await new Promise((r) => setTimeout(r, 100))
      }
      expect(text).toContain('fitledger_jobs_total')
      // 3 ingest jobs and 3 aggregate jobs at once, the reconciler and a spare.
      expect(text).toMatch(/^fitledger_db_pool_max 8$/m)
      expect(text).toMatch(/^fitledger_db_connections\{state="waiting"\} 0$/m)
    } finally {
      stop('SIGTERM')
      expect((await running).code).toBe(0)
    }
  })
})

describe('the API', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ worker: false })
  })
  afterAll(async () => {
    await stack?.close()
  })

  it('writes api_tokens.last_used_at, at most once a minute per token', async () => {
    const user = await stack.user()
    const lastUsed = async () =>
      (await stack.testDb.db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', user.id).executeTakeFirstOrThrow())
        .last_used_at
    expect(await lastUsed()).toBeNull()
    expect((await stack.app.inject({ url: '/v1/uploads', headers: user.headers })).statusCode).toBe(200)
    const first = await lastUsed()
    expect(first).toBeInstanceOf(Date)
    expect((await stack.app.inject({ url: '/v1/uploads', headers: user.headers })).statusCode).toBe(200)
    expect(await lastUsed()).toEqual(first) // within the minute: no second write
    await stack.testDb.db
      .updateTable('api_tokens')
      .set({ last_used_at: sql`now() - interval '2 minutes'` })
      .where('user_id', '=', user.id)
      .execute()
    const aged = await lastUsed()
    await stack.app.inject({ url: '/v1/uploads', headers: user.headers })
    expect((await lastUsed())!.getTime()).toBeGreaterThan(aged!.getTime())
  })

  it('counts uploads for /metrics without reading the finished ones', async () => {
    const user = await stack.user()
    const db = stack.testDb.db
    // 50 000 finished uploads and 3 unfinished ones; the gauge must not read the 50 000.
    await sql`
      insert into uploads (id, user_id, filename, object_key, content_sha256, size_bytes, status, finished_at)
      select gen_random_uuid(), ${user.id}, 'f.fit', '', md5(g::text), 1, 'done', now() from generate_series(1, 50000) g`.execute(db)
    await sql`
      insert into uploads (id, user_id, filename, object_key, content_sha256, size_bytes, status)
      select gen_random_uuid(), ${user.id}, 'f.fit', '', md5(g::text), 1, case when g = 1 then 'processing' else 'queued' end
      from generate_series(1, 3) g`.execute(db)
    await sql`analyze uploads`.execute(db)

    const text = (await stack.app.inject({ url: '/metrics' })).body
    expect(text).toMatch(/^fitledger_uploads\{status="queued"\} 2$/m)
    expect(text).toMatch(/^fitledger_uploads\{status="processing"\} 1$/m)
    expect(text).not.toMatch(/^fitledger_uploads\{status="done"/m)

    const { sql: text2, parameters } = unfinishedUploadCounts(db).compile()
    const plan = await sql
      .raw<{ 'QUERY PLAN': unknown }>(
        `explain (analyze, format json) ${text2.replace(/\$(\d+)/g, (_: string, i: string) => `'${String(parameters[Number(i) - 1])}'`)}`,
      )
      .execute(db)
    const scanned: number[] = []
    const walk = (node: { 'Relation Name'?: string; 'Actual Rows'?: number; 'Rows Removed by Filter'?: number; Plans?: unknown[] }) => {
      if (node['Relation Name'] === 'uploads') scanned.push((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0))
      for (const child of node.Plans ?? []) walk(child as typeof node)
    }
    walk((plan.rows[0]!['QUERY PLAN'] as [{ Plan: Parameters<typeof walk>[0] }])[0].Plan)
    expect(scanned.length).toBeGreaterThan(0)
    expect(Math.max(...scanned)).toBeLessThanOrEqual(3)
  })
})
