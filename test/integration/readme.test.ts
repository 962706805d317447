import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateWorkload } from '../../fixtures/workload.js'
import { freePort } from '../chaos/services.js'
import { runCliProcess } from '../helpers/cli.js'
import { createTestDb, type TestDb } from '../helpers/db.js'
import { stravaExport } from '../helpers/exports.js'
import {
  answerTemplates,
  fillPlaceholders,
  findKey,
  readmeExamples,
  readPlaceholders,
  requestOf,
  SKIP_MARKER,
} from '../helpers/readme-examples.js'
import { type ServiceProcess, startService } from '../helpers/service-process.js'
import { REDIS_URL } from '../helpers/services-env.js'
import { sessionFit } from '../helpers/week-files.js'

// The README's curl examples, run as written with bash against `fitledger start` (what
// `npm start` runs) on a database of this test's own. The examples say http://127.0.0.1:3000; the
// service runs on a free port instead, because 3000 may be taken by someone's own service, and
// only that host:port is rewritten, in each command and in the answer the README shows.
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const examples = readmeExamples(README)
/** The worker's own /metrics on METRICS_PORT: the test runs `start`, where the API serves them. */
const SKIPPED = 1

let testDb: TestDb
let service: ServiceProcess
let prefix: string
let token: string
const dir = mkdtempSync(join(tmpdir(), 'fitledger-readme-'))

/** The files the examples send, from the project's fixture encoders; run.fit is a run in 2026-W47. */
async function writeExampleFiles(): Promise<void> {
  const [, tcx, gpx, fitGz] = generateWorkload(4, 7, Date.UTC(2026, 10, 18, 7))
  const files: Record<string, Uint8Array> = {
    'run.fit': sessionFit({ start: '2026-11-17T06:00:00Z', sport: 'running', minutes: 40, hr: 150, kcal: 420 }),
    'a.gpx': gpx!.bytes,
    'b.tcx.gz': gzipSync(tcx!.bytes),
    'ride.fit.gz': fitGz!.bytes,
    'export_12345.zip': (await stravaExport(generateWorkload(3, 11, Date.UTC(2026, 9, 5, 7)))).zip,
  }
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes)
}

beforeAll(async () => {
  testDb = await createTestDb()
  await writeExampleFiles()
  prefix = `flreadme-${randomBytes(4).toString('hex')}`
  const env = {
    DATABASE_URL: testDb.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    STORAGE_URL: `file://${join(dir, 'objects')}`,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    WORKER_CONCURRENCY: '1',
    LOG_LEVEL: 'warn',
  }
  const created = await runCliProcess(['user', 'create', '--email', 'you@example.com', '--json'], env)
  expect(created.code, created.stderr).toBe(0)
  token = (JSON.parse(created.stdout) as { token: string }).token
  service = await startService(env)
}, 120_000)

afterAll(async () => {
  await service?.stop()
  const redis = new Redis(REDIS_URL)
  const keys = await redis.keys(`${prefix}:*`)
  if (keys.length > 0) await redis.del(...keys)
  redis.disconnect()
  await testDb?.drop()
  rmSync(dir, { recursive: true, force: true })
})

const rehost = (text: string) => text.replaceAll('127.0.0.1:3000', new URL(service.base).host)

interface Ran {
  readonly exit: number
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/** One example through bash, as written; a curl wrapper only adds a status line on stderr. */
function runExample(command: string): Promise<Ran> {
  const script = `curl() { command curl -q "$@" --write-out '%{stderr}\\nreadme-test-status %{http_code}\\n'; }\n${command}`
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: dir, env: { ...process.env, TOKEN: token }, timeout: 30_000 }, (err, stdout, stderr) => {
      const status = /readme-test-status (\d{3})\s*$/.exec(stderr)?.[1]
      resolve({ exit: err ? Number((err as { code?: number }).code ?? 1) : 0, status: Number(status ?? 0), stdout, stderr })
    })
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const PENDING = ['queued', 'processing']

/** An upload the README shows further on (`"status":"done"`) is still queued or processing. */
function onItsWay(answer: string, stdout: string): boolean {
  const promised = /"status":"(\w+)"/.exec(answer)?.[1]
  const status = findKey(parseJson(stdout), 'status')
  return promised !== undefined && !PENDING.includes(promised) && PENDING.includes(String(status))
}

describe("the README's curl examples", () => {
  it('run as written, each answering the status the README gives', async () => {
    const values = new Map<string, string>()
    for (const example of examples.filter((e) => !e.skipped)) {
      const where = `README.md:${example.line}: ${example.command}`
      const command = (() => {
        try {
          return fillPlaceholders(rehost(example.command), values)
        } catch (err) {
          throw new Error(`${where}\n${(err as Error).message}`)
        }
      })()
      let result = await runExample(command)
      // A reader runs `GET /v1/uploads/UPLOAD_ID` again until it says done; so does the test.
      for (let i = 0; i < 240 && onItsWay(example.answer, result.stdout); i++) {
        await new Promise((r) => setTimeout(r, 250))
        result = await runExample(command)
      }
      expect(result.exit, `${where}\n${result.stderr}`).toBe(0)
      expect(result.status, `${where}\n${result.stdout.slice(0, 500)}\nthe service's last words:\n${service.output().slice(-2000)}`).toBe(
        example.status,
      )
      const json = parseJson(result.stdout)
      const promised = /"status":"(\w+)"/.exec(example.answer)?.[1]
      if (promised && !PENDING.includes(promised)) expect(findKey(json, 'status'), `${where}\n${result.stdout}`).toBe(promised)
      for (const { key, template } of answerTemplates(rehost(example.answer))) {
        const actual = findKey(json, key)
        const read = typeof actual === 'string' ? readPlaceholders(template, actual) : undefined
        if (!read) throw new Error(`${where}\nthe answer's ${key} is ${JSON.stringify(actual)}, which does not fit "${template}"`)
        for (const [name, value] of read) values.set(name, value)
      }
    }
  }, 240_000)

  it('cover every operation of /docs/json, each with an example the test runs', async () => {
    const doc = (await (await fetch(`${service.base}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> }
    const methods = ['get', 'put', 'post', 'patch', 'delete']
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.includes(m))
        .map((m) => ({ method: m.toUpperCase(), path, pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`) })),
    )
    expect(routes.length).toBeGreaterThanOrEqual(20)
    const run = examples.filter((e) => !e.skipped).flatMap((e) => requestOf(e.command) ?? [])
    const missing = routes.filter((route) => !run.some((r) => r.method === route.method && route.pattern.test(r.path)))
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([])
  })

  it(`skip only the ${SKIPPED} marked "${SKIP_MARKER}"`, () => {
    expect(examples.filter((e) => e.skipped).map((e) => e.command)).toHaveLength(SKIPPED)
  })
})

describe('reading the examples out of Markdown', () => {
  it('joins continued lines, reads the status and the answer, and sees the mark', () => {
    const md = [
      '```sh',
      'curl -s -X PATCH \\',
      '     -d \'{"a":"#1"}\' http://h/x   # → 204',
      'npx fitledger user create',
      'curl -s http://h/y',
      '# → 202 {"id":"UPLOAD_ID","status":"queued"}',
      `curl -s http://h/z   # ${SKIP_MARKER}: needs a browser`,
      '```',
      '```text',
      'curl -s http://h/not-shell',
      '```',
    ].join('\n')
    expect(readmeExamples(md)).toEqual([
      { line: 2, command: 'curl -s -X PATCH \\\n     -d \'{"a":"#1"}\' http://h/x   # → 204', status: 204, answer: '', skipped: false },
      { line: 5, command: 'curl -s http://h/y', status: 202, answer: '{"id":"UPLOAD_ID","status":"queued"}', skipped: false },
      { line: 7, command: `curl -s http://h/z   # ${SKIP_MARKER}: needs a browser`, status: 200, answer: '', skipped: true },
    ])
  })

  it('reads placeholders from an answer and fills them into a command', () => {
    expect(answerTemplates('{"id":"SHARE_ID","url":"http://h/shared/reports/SHARE_TOKEN","expires_at":"…"}')).toEqual([
      { key: 'id', template: 'SHARE_ID' },
      { key: 'url', template: 'http://h/shared/reports/SHARE_TOKEN' },
    ])
    expect(readPlaceholders('http://h/shared/reports/SHARE_TOKEN', 'http://h/shared/reports/rsh_abc')).toEqual(
      new Map([['SHARE_TOKEN', 'rsh_abc']]),
    )
    expect(readPlaceholders('http://h/shared/reports/SHARE_TOKEN', 'http://other/x')).toBeUndefined()
    expect(fillPlaceholders('curl -H "Bearer $TOKEN" http://h/v1/uploads/UPLOAD_ID', new Map([['UPLOAD_ID', 'u1']]))).toBe(
      'curl -H "Bearer $TOKEN" http://h/v1/uploads/u1',
    )
    expect(() => fillPlaceholders('curl http://h/v1/activities/ACTIVITY_ID', new Map())).toThrow('ACTIVITY_ID is used before')
  })

  it.each([
    { command: 'curl -s -H "Authorization: Bearer $TOKEN" "http://h:3000/v1/uploads?status=failed"', method: 'GET', path: '/v1/uploads' },
    { command: 'curl -s -H "Authorization: Bearer $TOKEN" -F file=@run.fit http://h/v1/uploads', method: 'POST', path: '/v1/uploads' },
    { command: 'curl -s --data-binary @ride.fit.gz "http://h/v1/uploads?filename=ride.fit.gz"', method: 'POST', path: '/v1/uploads' },
    {
      command: "curl -s -X PATCH -H 'content-type: application/json' \\\n -d '{}' http://h/v1/activities/ACTIVITY_ID",
      method: 'PATCH',
      path: '/v1/activities/ACTIVITY_ID',
    },
    { command: 'curl -sI http://h/shared/reports/SHARE_TOKEN', method: 'GET', path: '/shared/reports/SHARE_TOKEN' },
  ])('reads $method $path from a command', ({ command, method, path }) => {
    expect(requestOf(command)).toEqual({ method, path })
  })
})
