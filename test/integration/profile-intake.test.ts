import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { type Stack, startStack } from '../helpers/stack.js'

let stack: Stack
let user: Awaited<ReturnType<Stack['user']>>
beforeAll(async () => {
  stack = await startStack({ worker: false })
  user = await stack.user('reporter@example.test')
})
afterAll(async () => stack?.close())

const put = (payload: unknown) => stack.app.inject({ method: 'PUT', url: '/v1/profile', headers: user.headers, payload: payload as object })
const get = async (url: string) => stack.app.inject({ url, headers: user.headers })

describe('profile', () => {
  it('starts empty, with the defaults it uses', async () => {
    const p = (await get('/v1/profile')).json()
    expect(p).toMatchObject({ sex: null, weight_kg: null, time_zone: 'UTC', goal_overrides: {}, updated_at: null })
    expect(p.goals).toMatchObject({ cardio_sessions: 3, daily_deficit_kcal: 500, activity_factor: 1.2 })
    expect(p.used).toMatchObject({ age: 40, weight_kg: 75, height_cm: 170, hr_rest: 60 })
    expect(p.used.assumed).toEqual(expect.arrayContaining(['age', 'weight_kg', 'height_cm', 'sex']))
  })

  it('merges a change: given fields replace, null clears, the rest stays', async () => {
    expect((await put({ weight_kg: 80, height_cm: 180, goals: { cardio_sessions: 4, fluids_ml: 2000 } })).statusCode).toBe(200)
    const p = (await put({ height_cm: null, goals: { fluids_ml: null } })).json()
    expect(p).toMatchObject({ weight_kg: 80, height_cm: null, goal_overrides: { cardio_sessions: 4 } })
    expect(p.goals).toMatchObject({ cardio_sessions: 4, fluids_ml: 1800 })
  })

  it.each([
    [{ weight_kg: 10 }, 'weight below 20 kg'],
    [{ height_cm: 300 }, 'height above 260 cm'],
    [{ birth_year: 1850 }, 'birth year before 1900'],
    [{ birth_year: 2999 }, 'birth year in the future'],
    [{ hr_rest: 20 }, 'resting heart rate below 25'],
    [{ hr_rest: 120, hr_max: 110 }, 'resting heart rate above the maximum'],
    [{ time_zone: 'Mars/Olympus' }, 'unknown time zone'],
    [{ sex: 'x' }, 'unknown sex'],
    [{ weight: 80 }, 'unknown field'],
    [{ goals: { cardio_sesions: 3 } }, 'unknown goal'],
    [{ goals: { activity_factor: 5 } }, 'activity factor above 2.5'],
    [{}, 'nothing to change'],
  ] as [object, string][])('rejects %j (%s) and stores nothing', async (payload) => {
    const before = (await get('/v1/profile')).json()
    const res = await put(payload)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
    expect((await get('/v1/profile')).json()).toEqual(before)
  })
})

describe('food log', () => {
  it('takes one day or many; a second post for a day replaces it whole', async () => {
    const one = await stack.app.inject({
      method: 'POST',
      url: '/v1/intake',
      headers: user.headers,
      payload: { date: '2026-11-16', kcal: 1800, water_ml: 2000 },
    })
    expect(one.json()).toEqual({ intake: [{ date: '2026-11-16', kcal: 1800, water_ml: 2000, protein_g: null }] })
    const many = await stack.app.inject({
      method: 'POST',
      url: '/v1/intake',
      headers: user.headers,
      payload: [
        { date: '2026-11-16', kcal: 1900 },
        { date: '2026-11-17', kcal: 2100, protein_g: 130 },
      ],
    })
    expect(many.statusCode).toBe(200)
    const list = (await get('/v1/intake?from=2026-11-01&to=2026-11-30')).json()
    expect(list.intake).toEqual([
      { date: '2026-11-16', kcal: 1900, water_ml: null, protein_g: null },
      { date: '2026-11-17', kcal: 2100, water_ml: null, protein_g: 130 },
    ])
  })

  it.each([
    [{ date: '2026-02-30', kcal: 1800 }],
    [{ date: '16.11.2026', kcal: 1800 }],
    [{ date: '2026-11-16', kcal: 30000 }],
    [{ date: '2026-11-16', kcal: -5 }],
    [{ date: '2026-11-16' }],
    [{ date: '2026-11-16', kcal: 1800, water_ml: 50000 }],
    [[]],
  ])('rejects %j', async (payload) => {
    const res = await stack.app.inject({ method: 'POST', url: '/v1/intake', headers: user.headers, payload: payload as object })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
  })

  it('deletes a day once', async () => {
    const del = () => stack.app.inject({ method: 'DELETE', url: '/v1/intake/2026-11-17', headers: user.headers })
    expect((await del()).statusCode).toBe(204)
    expect((await del()).statusCode).toBe(404)
    expect((await stack.app.inject({ method: 'DELETE', url: '/v1/intake/2026-13-01', headers: user.headers })).statusCode).toBe(400)
  })
})

describe('reports', () => {
  it.each(['2026-W99', '2026-W47.pdf', 'last-week', '2021-W53'])('answers 400 for %s', async (week) => {
    const res = await get(`/v1/reports/weekly/${week}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('bad_request')
  })

  it('gives a week with no data zeros and nulls, never a 404', async () => {
    const r = (await get('/v1/reports/weekly/2020-W10')).json()
    expect(r).toMatchObject({ week: '2020-W10', from: '2020-03-02', to: '2020-03-08' })
    expect(r.cardio).toEqual({ sessions: 0, qualifying_sessions: 0, minutes: 0, met: false })
    expect(r.energy).toMatchObject({ exercise_kcal: 0, logged_days: 0, intake_kcal: null, balance_kcal: null, met: null })
    expect(r.fluids).toEqual({ logged_days: 0, avg_ml: null, met: null })
    expect(r.days).toHaveLength(7)
  })

  it('gives a run of weeks for the trend, as JSON or a page', async () => {
    const res = await get('/v1/reports/weekly?from=2026-W45&to=2026-W48')
    expect(res.json().weeks.map((w: { week: string }) => w.week)).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48'])
    expect(res.json().weeks[2].energy.intake_kcal).toBe(1900)
    const page = await get('/v1/reports/weekly?from=2026-W45&to=2026-W48&format=html')
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(page.body).toContain('<svg')
    expect((await get('/v1/reports/weekly?from=2026-W48&to=2026-W45')).statusCode).toBe(400)
  })

  it('is the same from `fitledger report`', async () => {
    let out = ''
    const stdout = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) })
    const code = await main(['report', '--user', 'reporter@example.test', '--week', '2026-W47', '--format', 'json'], {
      env: { DATABASE_URL: stack.testDb.url },
      stdout,
      stopSignal: new Promise(() => {}),
    })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toEqual((await get('/v1/reports/weekly/2026-W47')).json())
    out = ''
    await main(['report', '--user', 'reporter@example.test', '--week', '2026-W47'], {
      env: { DATABASE_URL: stack.testDb.url },
      stdout,
      stopSignal: new Promise(() => {}),
    })
    expect(out).toContain('2026-W47')
  })
})
