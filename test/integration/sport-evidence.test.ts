import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInspect } from '../../src/cli/inspect.js'
import { CORPUS_DIR, corpusFile, SKIP_WITHOUT_CORPUS } from '../helpers/corpus.js'
import { type Stack, startStack, waitForUpload } from '../helpers/stack.js'

// Issue 15, item 3: each sport comes with its reasons, in inspect --json, the API and the database.
let stack: Stack
let alice: Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack()
  alice = await stack.user('alice@example.test')
})
afterAll(async () => stack?.close())

async function inspectJson(file: string, ignoreDeclaredSport: boolean): Promise<Record<string, unknown>> {
  let out = ''
  const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) })
  const io = { stdout: sink, stderr: sink, readFile: async (p: string) => corpusFile(p.slice(CORPUS_DIR.length)) }
  expect(await runInspect([`${CORPUS_DIR}${file}`], { json: true, ignoreDeclaredSport }, io)).toBe(0)
  return JSON.parse(out.trim()) as Record<string, unknown>
}

async function uploadOne(name: string, corpus: string): Promise<Record<string, unknown>> {
  const form = new FormData()
  form.append('file', new Blob([corpusFile(corpus)]), name)
  const res = await stack.app.inject({ method: 'POST', url: '/v1/uploads', headers: alice.headers, body: form })
  expect(res.statusCode, res.body).toBe(202)
  const done = await waitForUpload(stack, alice.headers, (res.json() as { uploads: { id: string }[] }).uploads[0]!.id)
  expect(done.status).toBe('done')
  return (await stack.app.inject({ url: `/v1/activities/${String(done.activity_id)}`, headers: alice.headers })).json()
}

describe.skipIf(SKIP_WITHOUT_CORPUS)('sport_evidence in inspect --json', () => {
  it('names the declaration when the file declares the sport', async () => {
    const line = await inspectJson('fit/python-fitparse__activity-small-fenix2-run.fit', false)
    expect(line).toMatchObject({ sport: 'running', sport_source: 'declared', sport_evidence: ['declared by the file: running'] })
  })

  it('gives the numbers that decided when the sport is inferred', async () => {
    // 47 min at 83 strides a minute and 3.5 m/s: a running cadence nearly all the time
    const line = await inspectJson('fit/python-fitparse__activity-small-fenix2-run.fit', true)
    expect(line).toMatchObject({ sport: 'running', sport_source: 'inferred' })
    expect(line.sport_evidence).toContain('cadence 83/min (strides: 166 steps/min)')
    expect((line.sport_evidence as string[]).join('; ')).toMatch(/running cadence \d+% of moving time/)
  })
})

describe.skipIf(SKIP_WITHOUT_CORPUS)('sport_evidence in the API', () => {
  let id: string

  beforeAll(async () => {
    // a GPX without <type>: 25 points, 250 s at 1.3 m/s, no cadence → walking, inferred, weakly
    const a = await uploadOne('walk.gpx', 'gpx/fittrackee__test.gpx')
    id = String(a.id)
    expect(a).toMatchObject({ sport: 'walking', sport_source: 'inferred' })
  })

  it('GET /v1/activities/:id lists the reasons with their numbers', async () => {
    const a = (await stack.app.inject({ url: `/v1/activities/${id}`, headers: alice.headers })).json()
    expect(a.sport_evidence).toEqual(['speed 1.3 m/s, no cadence', 'under 5 minutes or 60 samples of data'])
  })

  it('the list carries the same reasons', async () => {
    const list = (await stack.app.inject({ url: '/v1/activities', headers: alice.headers })).json() as {
      activities: Record<string, unknown>[]
    }
    expect(list.activities.find((a) => a.id === id)?.sport_evidence).toEqual([
      'speed 1.3 m/s, no cadence',
      'under 5 minutes or 60 samples of data',
    ])
  })

  it('a corrected sport says the user set it', async () => {
    const patch = await stack.app.inject({
      method: 'PATCH',
      url: `/v1/activities/${id}`,
      headers: alice.headers,
      payload: { sport: 'running' },
    })
    expect(patch.statusCode).toBe(200)
    expect(patch.json()).toMatchObject({ sport: 'running', sport_source: 'user', sport_evidence: ['set by the user'] })
  })
})
