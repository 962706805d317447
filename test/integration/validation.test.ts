import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SPORTS } from '../../src/model.js'
import { runCli } from '../helpers/cli.js'
import { type Stack, startStack } from '../helpers/stack.js'
import { uploadSession } from '../helpers/weekly.js'

// One way to check input, for every route and the command line: unknown fields are refused, a
// message names the field and what is allowed, and a request's fault gets a request code.
let stack: Stack
let headers: { authorization: string }
let activityId: string
beforeAll(async () => {
  stack = await startStack()
  headers = (await stack.user()).headers
  activityId = await uploadSession(stack, headers, { start: '2026-11-17T06:00:00Z', sport: 'running', minutes: 30, hr: 140 })
})
afterAll(async () => stack?.close())

const call = async (method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: unknown, extra: Record<string, string> = {}) => {
  const res = await stack.app.inject({
    method,
    url,
    headers: { ...headers, ...extra },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
  return { status: res.statusCode, error: (res.json() as { error?: { code: string; message: string } }).error }
}

describe('the API', () => {
  it.each([
    {
      what: 'an unknown field in PATCH /v1/activities/:id',
      request: ['PATCH', 'ACTIVITY', { nmae: 'Tempo' }],
      message: 'unknown field "nmae"; allowed: name, sport',
    },
    {
      what: 'an unknown field in PUT /v1/profile',
      request: ['PUT', '/v1/profile', { weight_kg: 70, wieght: 71 }],
      message: 'unknown field "wieght"; allowed: sex, birth_year, weight_kg, height_cm, hr_rest, hr_max, time_zone, goals',
    },
    {
      what: 'an unknown goal',
      request: ['PUT', '/v1/profile', { goals: { cardio: 3 } }],
      message: 'unknown field "cardio" in goals; allowed: cardio_sessions',
    },
    {
      what: 'an unknown query parameter',
      request: ['GET', '/v1/activities?sprot=running'],
      message: 'unknown field "sprot"; allowed: from, to, sport, limit, cursor',
    },
    {
      what: 'a sport that is none',
      request: ['PATCH', 'ACTIVITY', { sport: 'jogging' }],
      message: `sport must be one of ${SPORTS.join(', ')}`,
    },
    {
      what: 'a negative kcal for one day',
      request: ['POST', '/v1/intake', { date: '2026-11-17', kcal: -5 }],
      message: 'kcal must be at least 0',
    },
    {
      what: 'a negative kcal in a list',
      request: ['POST', '/v1/intake', [{ date: '2026-11-17', kcal: -5 }]],
      message: '[0].kcal must be at least 0',
    },
    { what: 'a weight out of range', request: ['PUT', '/v1/profile', { weight_kg: 2 }], message: 'weight_kg must be at least 20' },
    { what: 'a wrong type', request: ['PUT', '/v1/profile', { height_cm: 'tall' }], message: 'height_cm must be a number or null' },
  ] as const)('refuses $what, naming the field and what is allowed', async ({ request, message }) => {
    const [method, url, body] = request
    const res = await call(method, url === 'ACTIVITY' ? `/v1/activities/${activityId}` : url, body)
    expect(res.status).toBe(400)
    expect(res.error?.code).toBe('bad_request')
    expect(res.error?.message).toContain(message)
    expect(res.error?.message).not.toMatch(/oneOf|must match/)
  })

  it('changes nothing when it refuses', async () => {
    await call('PATCH', `/v1/activities/${activityId}`, { name: 'Kept', nmae: 'Lost' })
    const res = await stack.app.inject({ url: `/v1/activities/${activityId}`, headers })
    expect(res.json().name).not.toBe('Kept')
  })

  it('answers a JSON route sent without a JSON content type with a request code', async () => {
    const res = await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers, payload: '{"weight_kg":70}' })
    expect(res.statusCode).toBe(415)
    expect(res.json().error.code).toBe('unsupported_media_type')
  })
})

describe('fitledger inspect --profile', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fitledger-profile-'))
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  const inspectWith = async (profile: unknown) => {
    const path = join(dir, 'profile.json')
    await writeFile(path, JSON.stringify(profile))
    return runCli(['inspect', '--profile', path, '/nonexistent.fit'], {})
  }

  it.each([
    { profile: { weight_kg: 70, wieght: 71 }, message: 'unknown field "wieght"; allowed: sex, birth_year' },
    { profile: { sex: 'x' }, message: 'sex must be one of male, female, null' },
    { profile: { time_zone: 'Mars/Olympus' }, message: 'time_zone "Mars/Olympus" is not an IANA time zone' },
    { profile: { hr_rest: 80, hr_max: 70 }, message: 'hr_rest (80) must be below hr_max (70)' },
  ])('refuses $profile as the API would', async ({ profile, message }) => {
    const res = await inspectWith(profile)
    expect(res.code).toBe(2) // inspect's code for a profile it cannot use
    expect(res.stderr).toContain(message)
  })
})
