import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDb } from '../../src/db/connect.js'
import { createUser, issueToken } from '../../src/db/users.js'
import { Fleet } from '../chaos/fleet.js'
import { ChaosPostgres, freePort } from '../chaos/services.js'
import { activityFiles } from '../helpers/exports.js'
import { REDIS_URL } from '../helpers/stack.js'

// A Postgres of our own (the shared one is never restarted), a real `fitledger serve` and
// `fitledger work` as child processes, and a fast shutdown while the worker's transaction is
// open and waiting on a lock: no process may die, the outage answers 503, and the work ends.
const dir = mkdtempSync(join(tmpdir(), 'fitledger-outage-'))
chmodSync(dir, 0o755) // the postgres user must reach its cluster inside
let postgres: ChaosPostgres
let fleet: Fleet
let base: string
let token: string
let userId: string
const lines: string[] = []

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms\n${lines.join('\n')}`)
    await sleep(100)
  }
}

function upload(bytes: Uint8Array, name: string): Promise<Response> {
  return fetch(`${base}/v1/uploads?filename=${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  })
}

beforeAll(async () => {
  postgres = new ChaosPostgres(join(dir, 'pg'), await freePort())
  await postgres.init()
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  fleet = new Fleet(
    {
      DATABASE_URL: postgres.url('fitledger'),
      REDIS_URL,
      QUEUE_PREFIX: `flout-${randomBytes(4).toString('hex')}`,
      STORAGE_URL: `file://${join(dir, 'objects')}`,
      PORT: String(port),
      METRICS_PORT: '0',
      WORKER_CONCURRENCY: '2',
      LOG_LEVEL: 'warn',
    },
    (line) => lines.push(line),
  )
  await fleet.run('migrate')
  const db = connectDb(postgres.url('fitledger'), { max: 1 })
  const user = await createUser(db, 'outage@example.test', null)
  token = await issueToken(db, user.id)
  userId = user.id
  await db.destroy()
  fleet.spawn('serve')
  fleet.spawn('work')
  await until('the API', async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined))
}, 120_000)

afterAll(async () => {
  await fleet?.stopAll()
  await postgres?.stop().catch(() => undefined)
  rmSync(dir, { recursive: true, force: true })
})

describe('a Postgres restart', () => {
  it('kills no process, even with a transaction open; the outage answers 503; the work ends', async () => {
    const [file, during] = activityFiles(2, 31)
    // Hold the user's lock: the worker's saving transaction opens and waits on it.
    const blocker = new pg.Client({ connectionString: postgres.url('fitledger') })
    blocker.on('error', () => {}) // this connection is cut by the restart too
    await blocker.connect()
    await blocker.query('begin')
    await blocker.query('select pg_advisory_xact_lock(hashtext($1))', [userId])
    const accepted = await upload(file!.bytes, file!.name)
    expect(accepted.status).toBe(202)
    const id = ((await accepted.json()) as { uploads: { id: string }[] }).uploads[0]!.id
    // A second connection: pg_stat_activity is a snapshot that stays fixed within a transaction.
    const watcher = new pg.Client({ connectionString: postgres.url('fitledger') })
    watcher.on('error', () => {})
    await watcher.connect()
    await until('the worker waiting on the lock in a transaction', async () => {
      const waiting = await watcher.query(
        "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and state = 'active' and pid <> pg_backend_pid()",
      )
      return (waiting.rows[0] as { n: number }).n > 0 ? true : undefined
    })

    await postgres.stop()
    try {
      await sleep(500) // the processes see their connections cut
      expect(
        fleet.api.concat(fleet.workers).map((c) => c.exitCode ?? c.signalCode),
        lines.join('\n'),
      ).toEqual([null, null])
      const refused = await upload(during!.bytes, during!.name)
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable')
      const list = await fetch(`${base}/v1/activities`, { headers: { authorization: `Bearer ${token}` } })
      expect(list.status).toBe(503)
      const ready = await fetch(`${base}/readyz`)
      expect(ready.status).toBe(503)
      const readyText = await ready.text()
      // No host, port or path of any dependency, to anyone who asks.
      for (const secret of ['127.0.0.1', String(postgres.port), dir, 'ECONNREFUSED']) expect(readyText).not.toContain(secret)
    } finally {
      await postgres.start()
    }

    expect(
      fleet.api.concat(fleet.workers).map((c) => c.exitCode ?? c.signalCode),
      lines.join('\n'),
    ).toEqual([null, null])
    const status = await until('the upload to end', async () => {
      const res = await fetch(`${base}/v1/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } })
      const body = (await res.json()) as { status: string }
      return ['queued', 'processing'].includes(body.status) ? undefined : body.status
    })
    expect(status).toBe('done')
    expect(
      fleet.api.concat(fleet.workers).map((c) => c.exitCode ?? c.signalCode),
      lines.join('\n'),
    ).toEqual([null, null])
    await blocker.end().catch(() => undefined)
    await watcher.end().catch(() => undefined)
  }, 120_000)
})
