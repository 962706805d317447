import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { adminQuery, dbUrl, testDbName } from '../helpers/pg-admin.js'
import { type Stack, startStack } from '../helpers/stack.js'

// The commands as a user runs them, against the real Postgres.
let testDb: TestDb
let env: Record<string, string>

beforeAll(async () => {
  testDb = await createTestDb()
  env = { DATABASE_URL: testDb.url, LOG_LEVEL: 'silent' }
})
afterAll(async () => testDb?.drop())

describe('fitledger migrate', () => {
  it('creates a missing database and applies every migration, then has nothing to do', async () => {
    const name = testDbName('t')
    try {
      const first = await runCli(['migrate'], { DATABASE_URL: dbUrl(name) })
      expect(first.code).toBe(0)
      expect(first.stdout).toMatch(/^applied 0001_init/)
      const again = await runCli(['migrate'], { DATABASE_URL: dbUrl(name) })
      expect(again.stdout.trim()).toBe('the database is up to date')
    } finally {
      await adminQuery(`drop database if exists ${name} with (force)`)
    }
  })
})

describe('services that are down', () => {
  it('Postgres: one line that says nothing answers at that address', async () => {
    const res = await runCli(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/x' })
    expect(res.code).toBe(1)
    expect(res.stderr.trim().split('\n')).toHaveLength(1)
    // Port 1 is not where the system cluster listens, so starting it would not help (cli-newcomer.test.ts).
    expect(res.stderr).toContain('Postgres is not reachable at 127.0.0.1:1: nothing answers there.')
  })

  it('Redis: one line that says how to start it', async () => {
    const res = await runCli(['serve'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' })
    expect(res.code).toBe(1)
    expect(res.stderr.trim()).toMatch(/^fitledger: Redis is not reachable at 127\.0\.0\.1:1\. Start it with: redis-server/)
  })

  it('a bad configuration value stops start-up with one line per problem', async () => {
    const res = await runCli(['serve'], { PORT: 'abc', WORKER_CONCURRENCY: '0' })
    expect(res.code).toBe(78)
    expect(res.stderr).toContain('PORT:')
    expect(res.stderr).toContain('WORKER_CONCURRENCY:')
  })
})

describe('users and tokens', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ worker: false })
  })
  afterAll(async () => stack?.close())

  it('creates a user whose token works, and a revoked token stops at once', async () => {
    const stackEnv = { DATABASE_URL: stack.testDb.url, LOG_LEVEL: 'silent' }
    const created = await runCli(['user', 'create', '--email', 'Carol@Example.test', '--name', 'Carol', '--json'], stackEnv)
    expect(created.code).toBe(0)
    const user = JSON.parse(created.stdout) as { id: string; email: string; token: string }
    expect(user.email).toBe('carol@example.test')
    const auth = (t: string) => ({ authorization: `Bearer ${t}` })
    expect((await stack.app.inject({ url: '/v1/uploads', headers: auth(user.token) })).statusCode).toBe(200)

    const second = await runCli(['token', 'create', '--user', 'carol@example.test', '--label', 'watch sync'], stackEnv)
    const token2 = second.stdout.trim()
    expect(token2).toMatch(/^flt_[\w-]{43}$/)
    expect((await runCli(['token', 'revoke', '--user', 'carol@example.test', user.token], stackEnv)).code).toBe(0)
    expect((await stack.app.inject({ url: '/v1/uploads', headers: auth(user.token) })).statusCode).toBe(401)
    expect((await stack.app.inject({ url: '/v1/uploads', headers: auth(token2) })).statusCode).toBe(200)

    const list = await runCli(['token', 'list', '--user', 'carol@example.test'], stackEnv)
    expect(list.stdout.match(/revoked/g)).toHaveLength(1)
    expect(list.stdout).toContain('watch sync')
    expect(list.stdout).not.toContain(token2)
  })

  it('refuses a second user with the same email, and an unknown user for tokens', async () => {
    const stackEnv = { DATABASE_URL: stack.testDb.url }
    await runCli(['user', 'create', '--email', 'dave@example.test'], stackEnv)
    const again = await runCli(['user', 'create', '--email', 'DAVE@example.test'], stackEnv)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('exists already')
    const unknown = await runCli(['token', 'create', '--user', 'nobody@example.test'], stackEnv)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no user with the email nobody@example.test')
  })
})
