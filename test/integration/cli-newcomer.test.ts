import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READ_BY } from '../../src/config.js'
import { runCliProcess } from '../helpers/cli.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { REDIS_URL } from '../helpers/services-env.js'

// The command line as a newcomer meets it, as real processes: every expected failure is one line
// that says what was wrong and what to do, never a stack trace, and the process exits.
let testDb: TestDb
let env: Record<string, string>
beforeAll(async () => {
  testDb = await createTestDb()
  env = { DATABASE_URL: testDb.url, REDIS_URL, LOG_LEVEL: 'silent', STORAGE_URL: 'file:///tmp/fitledger-cli-newcomer' }
  expect((await runCliProcess(['user', 'create', '--email', 'new@example.test'], env)).code).toBe(0)
})
afterAll(async () => testDb?.drop())

const oneLine = (stderr: string) => {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(stderr).not.toMatch(/^\s+at /m) // no stack frame
  return lines[0]
}

describe('expected failures', () => {
  it('a path that does not exist', async () => {
    const res = await runCliProcess(['import', '/no/such/file', '--user', 'new@example.test'], env)
    expect(res.code).toBe(1)
    expect(oneLine(res.stderr)).toBe('fitledger: /no/such/file: no such file or folder')
  })

  it('a port that is taken, and the process still exits', async () => {
    const taken: Server = createServer()
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r))
    const port = (taken.address() as { port: number }).port
    try {
      const res = await runCliProcess(['serve'], { ...env, PORT: String(port) })
      expect(res.timedOut).toBe(false)
      expect(res.code).toBe(1)
      expect(oneLine(res.stderr)).toBe(
        `fitledger: 127.0.0.1:${port} is already in use: stop whatever listens there, or set PORT to a free port`,
      )
    } finally {
      taken.close()
    }
  })

  it('an email that is not one is not told to create that user', async () => {
    const res = await runCliProcess(['import', '/tmp', '--user', 'bad-email'], env)
    expect(res.code).toBe(1)
    expect(oneLine(res.stderr)).toBe('fitledger: not an email address: bad-email')
  })
})

describe('start-up hints follow the configured address', () => {
  it('Redis on another port is started on that port', async () => {
    // At the default log level and storage root, as a newcomer starts it: still only the one line.
    const res = await runCliProcess(['serve'], {
      ...env,
      REDIS_URL: 'redis://127.0.0.1:6398',
      LOG_LEVEL: 'info',
      STORAGE_URL: 'file://./data/objects',
    })
    expect(res.code).toBe(1)
    expect(oneLine(res.stderr)).toBe(
      'fitledger: Redis is not reachable at 127.0.0.1:6398. Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6398 --save "" --appendonly no',
    )
    expect(res.stdout).toBe('') // the log says nothing either: the terminal shows the one line
  })

  it('Postgres on another port: nothing answers there (the system cluster would not help)', async () => {
    const res = await runCliProcess(['migrate'], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5498/fitledger' })
    expect(res.code).toBe(1)
    expect(oneLine(res.stderr)).toBe(
      'fitledger: Postgres is not reachable at 127.0.0.1:5498: nothing answers there. Start a PostgreSQL server on that address, or set DATABASE_URL to one that runs',
    )
  })
})

describe('a reader that closes the pipe early', () => {
  it('`fitledger sync --help | head -1` stops quietly, with no EPIPE stack', async () => {
    const { spawn } = await import('node:child_process')
    const { fitledgerArgs } = await import('../helpers/cli.js')
    const child = spawn(process.execPath, fitledgerArgs(['sync', '--help']), { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.destroy() // as `head` does once it has its line, here before the help is even written
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    expect(stderr).not.toContain('EPIPE')
    expect(code).toBe(0)
  })
})

describe('help and version', () => {
  it('--version prints the version of package.json', async () => {
    const res = await runCliProcess(['--version'], {})
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string }
    expect(res.stdout.trim()).toBe(version)
  })

  it.each([
    { command: ['serve'], reads: ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST', 'MAX_UPLOAD_BYTES'], not: ['PARSE_TIMEOUT_S'] },
    { command: ['work'], reads: ['DATABASE_URL', 'REDIS_URL', 'WORKER_CONCURRENCY', 'PARSE_TIMEOUT_S'], not: ['PORT'] },
    { command: ['user', 'create'], reads: ['DATABASE_URL', 'LOG_LEVEL'], not: ['REDIS_URL'] },
    { command: ['sync'], reads: ['DATABASE_URL', 'STORAGE_URL', 'FITLEDGER_STATE_DIR'], not: ['PORT'] },
  ])('$command.0 --help names the variables it reads', async ({ command, reads, not }) => {
    const res = await runCliProcess([...command, '--help'], {})
    const environment = res.stdout.slice(res.stdout.indexOf('Environment')).split(/[\s,:()]+/)
    for (const name of reads) expect(environment).toContain(name)
    for (const name of not) expect(environment).not.toContain(name)
  })

  it('fitledger --help names every variable', async () => {
    const res = await runCliProcess(['--help'], {})
    for (const name of Object.keys(READ_BY)) expect(res.stdout).toContain(name)
  })
})
