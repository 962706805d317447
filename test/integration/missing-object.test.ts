import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobIdFor } from '../../src/queue/ingest-queue.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { activityFiles } from '../helpers/exports.js'
import { postFile, REDIS_URL, type Stack, startStack, waitForUpload } from '../helpers/stack.js'

// Issue 10, item 17: a stored object that cannot be found is no fault of the file. The likely
// cause is configuration (an API and a worker with different relative file:// roots), so the
// upload is retried and ends `internal`, and start-up says where a relative root points.
describe('an upload whose stored object is missing', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ worker: false })
  })
  afterAll(async () => {
    await stack?.close()
  })

  it('is retried, and ends internal rather than not_found', async () => {
    const user = await stack.user()
    const [file] = activityFiles(1, 53)
    const id = await postFile(stack, user.headers, file!.name, file!.bytes)
    const { object_key } = await stack.testDb.db.selectFrom('uploads').select('object_key').where('id', '=', id).executeTakeFirstOrThrow()
    await stack.storage.delete(object_key)
    // The same job with two quick attempts, so the test need not sit out the real backoff.
    await stack.queue.remove(jobIdFor(id))
    await stack.queue.add('ingest', { upload_id: id }, { jobId: jobIdFor(id), attempts: 2, backoff: { type: 'fixed', delay: 100 } })
    stack.startWorker()
    const ended = await waitForUpload(stack, user.headers, id)
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'internal' } })
    const row = await stack.testDb.db.selectFrom('uploads').select('attempts').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.attempts).toBe(2)
  })
})

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

describe('a relative file:// storage root', () => {
  let testDb: TestDb
  let cwd: string
  let child: ChildProcess | null = null
  beforeAll(async () => {
    testDb = await createTestDb()
    cwd = await mkdtemp(join(tmpdir(), 'fitledger-cwd-'))
  })
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    await testDb?.drop()
    await rm(cwd, { recursive: true, force: true })
  })

  it('is named, resolved, in one warning at start-up', async () => {
    const entry = `import(${JSON.stringify(MAIN)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)) })`
    child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', entry, 'work'], {
      cwd,
      env: {
        ...process.env,
        DATABASE_URL: testDb.url,
        REDIS_URL,
        QUEUE_PREFIX: `flrel-${randomBytes(4).toString('hex')}`,
        STORAGE_URL: 'file://./objects',
        METRICS_PORT: '0',
        WORKER_CONCURRENCY: '1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const lines = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up line:\n${out}`)), 30_000)
      child!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('fitledger worker started')) {
          clearTimeout(timer)
          resolve(out.split('\n').filter((l) => l.startsWith('{')))
        }
      })
      child!.once('exit', (code) => reject(new Error(`worker exited ${code}:\n${out}`)))
    })
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string; storage_root?: string }).filter((l) => l.level === 40)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.storage_root).toBe(join(cwd, 'objects'))
    expect(warnings[0]!.msg).toMatch(/relative/)
  }, 60_000)
})
