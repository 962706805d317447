import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Stack, startStack } from '../helpers/stack.js'
import { aggregationIdle, storedBody, uploadSession } from '../helpers/weekly.js'

// A week of known sessions and food log, 2026-W47 (Mon 2026-11-16 … Sun 2026-11-22) in
// Europe/Berlin (UTC+1 in November), every figure worked out by hand from REGIMEN.md.
//
// Profile: male, born 1991 (35 in 2026), 80 kg, 180 cm; hr_rest 60 and hr_max 208 − 0.7 × 35
// = 183.5 → 184 assumed. Mifflin–St Jeor 10×80 + 6.25×180 − 5×35 + 5 = 1755; × 1.2 = 2106/day.
// Zones (% of reserve 124): Z2 134.4–146.8, Z3 146.8–159.2; HR 120 and 110 are below Z1 (122).
//
// Sessions (the device's calories when given, so the energy is exact):
//   A run       Mon 07:00 local (06:00Z)   40 min, 3 m/s, HR 150, 500 kcal  → Z3 2400 s
//   B strength  Tue 18:00 local (17:00Z)   45 min, HR 120, no calories → Keytel:
//               −55.0969 + 0.6309×120 + 0.1988×80 + 0.2017×35 = 43.5746 kJ/min
//               / 4.184 = 10.41458 kcal/min × 45 = 468.656 kcal
//   C walk      Thu 12:00 local (11:00Z)   32 min, 1.4 m/s, HR 110, 150 kcal
//   D strength  Sat 10:00 local (09:00Z)   50 min, HR 110, 280 kcal
//   E cycling   Sun 23:30 local (22:30Z)   35 min, 7.5 m/s, HR 140, 400 kcal → Z2 2100 s
//   F walk      Mon 23 Nov 00:30 local (Sun 23:30Z): still Sunday in UTC, but week 48 here
// Food log: Mon 2000 kcal (2000 ml, 120 g protein), Tue 1100 kcal (1500 ml), Sun 2200 kcal,
// and Mon 23 Nov 1800 kcal (week 48).
const WEEK = '2026-W47'
const PROFILE = { sex: 'male', birth_year: 1991, weight_kg: 80, height_cm: 180, time_zone: 'Europe/Berlin' }

let stack: Stack
let user: Awaited<ReturnType<Stack['user']>>
const ids: Record<string, string> = {}

async function report(week = WEEK) {
  const res = await stack.app.inject({ url: `/v1/reports/weekly/${week}`, headers: user.headers })
  expect(res.statusCode, res.body).toBe(200)
  return res.json()
}

beforeAll(async () => {
  stack = await startStack()
  user = await stack.user()
  const put = await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers: user.headers, payload: PROFILE })
  expect(put.statusCode, put.body).toBe(200)
  ids.A = await uploadSession(stack, user.headers, { start: '2026-11-16T06:00:00Z', sport: 'running', minutes: 40, hr: 150, kcal: 500 })
  ids.B = await uploadSession(stack, user.headers, { start: '2026-11-17T17:00:00Z', sport: 'strength', minutes: 45, hr: 120 })
  ids.C = await uploadSession(stack, user.headers, { start: '2026-11-19T11:00:00Z', sport: 'walking', minutes: 32, hr: 110, kcal: 150 })
  ids.D = await uploadSession(stack, user.headers, { start: '2026-11-21T09:00:00Z', sport: 'strength', minutes: 50, hr: 110, kcal: 280 })
  ids.E = await uploadSession(stack, user.headers, { start: '2026-11-22T22:30:00Z', sport: 'cycling', minutes: 35, hr: 140, kcal: 400 })
  ids.F = await uploadSession(stack, user.headers, { start: '2026-11-22T23:30:00Z', sport: 'walking', minutes: 20, hr: 110, kcal: 100 })
  const intake = await stack.app.inject({
    method: 'POST',
    url: '/v1/intake',
    headers: user.headers,
    payload: [
      { date: '2026-11-16', kcal: 2000, water_ml: 2000, protein_g: 120 },
      { date: '2026-11-17', kcal: 1100, water_ml: 1500 },
      { date: '2026-11-22', kcal: 2200 },
      { date: '2026-11-23', kcal: 1800 },
    ],
  })
  expect(intake.statusCode, intake.body).toBe(200)
  await aggregationIdle(stack)
})
afterAll(async () => stack?.close())

describe('the worked week', () => {
  it('has every figure REGIMEN.md gives', async () => {
    const r = await report()
    expect(r).toMatchObject({ week: WEEK, time_zone: 'Europe/Berlin', from: '2026-11-16', to: '2026-11-22' })
    // cardio: A 40 + C 32 + E 35 = 107 min; all three ≥ 30 min → 3 qualifying ≥ 3 → met
    expect(r.cardio).toEqual({ sessions: 3, qualifying_sessions: 3, minutes: 107, met: true })
    expect(r.intervals).toEqual({ sessions: 0, met: false })
    expect(r.strength).toEqual({ sessions: 2, met: true }) // B, D
    expect(r.energy).toEqual({
      exercise_kcal: 1798.7, // 500 + 468.656 + 150 + 280 + 400 = 1798.656
      baseline_kcal: 6318, // 3 logged days × 2106
      intake_kcal: 5300, // 2000 + 1100 + 2200
      logged_days: 3,
      // Mon 2000 − (2106 + 500) = −606; Tue 1100 − (2106 + 468.656) = −1474.656;
      // Sun 2200 − (2106 + 400) = −306; sum −2386.656
      balance_kcal: -2386.7,
      avg_daily_deficit_kcal: 795.6, // 2386.656 / 3 = 795.552
      projected_weight_change_kg: -0.31, // −2386.656 / 7700 = −0.30996
      low_intake_days: 1, // Tue 1100 < 1200
      met: false, // a low day misses the goal whatever the deficit
      baseline_kcal_per_day: 2106,
    })
    expect(r.fluids).toEqual({ logged_days: 2, avg_ml: 1750, met: false }) // (2000 + 1500) / 2 < 1800
    // cardio ✓ intervals ✗ strength ✓ energy ✗ fluids ✗ → 2 of 5
    expect(r.compliance).toEqual({ goals_met: 2, goals_total: 5, score: 0.4 })
    const day = (
      date: string,
      sessions: number,
      moving_min: number,
      exercise_kcal: number,
      intake_kcal: number | null,
      balance_kcal: number | null,
    ) => ({ date, sessions, moving_min, exercise_kcal, intake_kcal, balance_kcal })
    expect(
      r.days.map((d: Record<string, unknown>) => ({
        date: d.date,
        sessions: d.sessions,
        moving_min: d.moving_min,
        exercise_kcal: d.exercise_kcal,
        intake_kcal: d.intake_kcal,
        balance_kcal: d.balance_kcal,
      })),
    ).toEqual([
      day('2026-11-16', 1, 40, 500, 2000, -606),
      day('2026-11-17', 1, 45, 468.7, 1100, -1474.7),
      day('2026-11-18', 0, 0, 0, null, null),
      day('2026-11-19', 1, 32, 150, null, null),
      day('2026-11-20', 0, 0, 0, null, null),
      day('2026-11-21', 1, 50, 280, null, null),
      day('2026-11-22', 1, 35, 400, 2200, -306), // E at 23:30 local Sunday; F is already Monday
    ])
    expect(r.days[1].low_intake).toBe(true)
    expect(r.by_sport).toEqual({
      running: { sessions: 1, moving_min: 40, distance_m: 7200, kcal: 500 }, // 3 m/s × 2400 s
      walking: { sessions: 1, moving_min: 32, distance_m: 2688, kcal: 150 }, // 1.4 × 1920
      cycling: { sessions: 1, moving_min: 35, distance_m: 15750, kcal: 400 }, // 7.5 × 2100
      strength: { sessions: 2, moving_min: 95, distance_m: null, kcal: 748.7 }, // 468.656 + 280
    })
    expect(r.hr_zones_s).toEqual([0, 2100, 2400, 0, 0])
    expect(r.sessions.map((s: { id: string; local_time: string }) => [s.id, s.local_time])).toEqual([
      [ids.A, '07:00'],
      [ids.B, '18:00'],
      [ids.C, '12:00'],
      [ids.D, '10:00'],
      [ids.E, '23:30'],
    ])
    expect(r.assumed).toEqual([])
  })

  it('puts the early-Monday session and the Monday log in the next week', async () => {
    const r = await report('2026-W48')
    expect(r.sessions.map((s: { id: string }) => s.id)).toEqual([ids.F])
    expect(r.days[0]).toMatchObject({
      date: '2026-11-23',
      sessions: 1,
      moving_min: 20,
      exercise_kcal: 100,
      intake_kcal: 1800,
      balance_kcal: -406,
    }) // 1800 − (2106 + 100)
  })

  it('was stored by the aggregation job, with its days', async () => {
    expect(await storedBody(stack, user.id, WEEK)).toEqual(await report())
    const days = await stack.testDb.db
      .selectFrom('daily_aggregates')
      .select(['date', 'balance_kcal'])
      .select((eb) => eb.cast<string>('date', 'text').as('day'))
      .where('user_id', '=', user.id)
      .where('week', '=', WEEK)
      .orderBy('date')
      .execute()
    expect(days.map((d) => [d.day, d.balance_kcal])).toEqual([
      ['2026-11-16', -606],
      ['2026-11-17', -1474.7],
      ['2026-11-18', null],
      ['2026-11-19', null],
      ['2026-11-20', null],
      ['2026-11-21', null],
      ['2026-11-22', -306],
    ])
  })

  it('serves the same week as CSV and as a page with charts', async () => {
    const csv = await stack.app.inject({ url: `/v1/reports/weekly/${WEEK}.csv`, headers: user.headers })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.body.split('\r\n')[2]).toBe(`${WEEK},2026-11-17,Tue,1,45,468.7,1100,2106,-1474.7,true,1500,,strength`)
    const html = await stack.app.inject({ url: `/v1/reports/weekly/${WEEK}.html`, headers: user.headers })
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    expect(html.body).toContain('<svg')
    expect(html.body).not.toMatch(/<script/i)
    const json = await stack.app.inject({ url: `/v1/reports/weekly/${WEEK}.json`, headers: user.headers })
    expect(json.json()).toEqual(await report())
  })
})

describe('changes move the week', () => {
  it('a heavier profile raises the baseline and the heart-rate energy, not the device totals', async () => {
    const put = await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers: user.headers, payload: { weight_kg: 90 } })
    expect(put.statusCode).toBe(200)
    expect(put.json()).toMatchObject({ weight_kg: 90, sex: 'male', birth_year: 1991, time_zone: 'Europe/Berlin' }) // merged
    await aggregationIdle(stack)
    const b = (await stack.app.inject({ url: `/v1/activities/${ids.B}`, headers: user.headers })).json()
    // Keytel + 0.1988 × 10 kg = 45.5626 kJ/min / 4.184 = 10.88972 kcal/min × 45 = 490.037
    expect(b).toMatchObject({ energy_source: 'heart_rate', energy_kcal: 490 })
    const a = (await stack.app.inject({ url: `/v1/activities/${ids.A}`, headers: user.headers })).json()
    expect(a).toMatchObject({ energy_source: 'device', energy_kcal: 500 })
    const r = await report()
    // 10×90 + 1125 − 175 + 5 = 1855 × 1.2 = 2226/day. Mon 2000 − 2726 = −726;
    // Tue 1100 − (2226 + 490.037) = −1616.037; Sun 2200 − 2626 = −426; sum −2768.037
    expect(r.energy).toMatchObject({
      exercise_kcal: 1820, // 500 + 490.037 + 150 + 280 + 400
      baseline_kcal: 6678, // 3 × 2226
      balance_kcal: -2768,
      avg_daily_deficit_kcal: 922.7, // 2768.037 / 3 = 922.679
      projected_weight_change_kg: -0.359, // −2768.037 / 7700 = −0.35948
      baseline_kcal_per_day: 2226,
    })
    expect(await storedBody(stack, user.id, WEEK)).toEqual(r)
  })

  it('a deleted session leaves the week', async () => {
    const del = await stack.app.inject({ method: 'DELETE', url: `/v1/activities/${ids.E}`, headers: user.headers })
    expect(del.statusCode).toBe(204)
    await aggregationIdle(stack)
    const r = await report()
    // without E: cardio A 40 + C 32 = 72 min, 2 qualifying < 3 → missed; Sun 2200 − 2226 = −26
    expect(r.cardio).toEqual({ sessions: 2, qualifying_sessions: 2, minutes: 72, met: false })
    expect(r.days[6]).toMatchObject({ sessions: 0, exercise_kcal: 0, balance_kcal: -26 })
    // −726 − 1616.037 − 26 = −2368.037; / 3 = 789.346
    expect(r.energy).toMatchObject({ exercise_kcal: 1420, balance_kcal: -2368, avg_daily_deficit_kcal: 789.3 })
    expect(r.by_sport.cycling).toBeUndefined()
    expect(r.hr_zones_s).toEqual([0, 0, 2400, 0, 0])
    expect(r.compliance).toEqual({ goals_met: 1, goals_total: 5, score: 0.2 }) // strength only
    expect(await storedBody(stack, user.id, WEEK)).toEqual(r)
  })

  it('a corrected sport moves the session between goals', async () => {
    const patch = await stack.app.inject({
      method: 'PATCH',
      url: `/v1/activities/${ids.D}`,
      headers: user.headers,
      payload: { sport: 'other' },
    })
    expect(patch.statusCode).toBe(200)
    await aggregationIdle(stack)
    const r = await report()
    expect(r.strength).toEqual({ sessions: 1, met: false }) // only B is strength now
    expect(r.by_sport.other).toEqual({ sessions: 1, moving_min: 50, distance_m: null, kcal: 280 })
    expect(r.compliance).toEqual({ goals_met: 0, goals_total: 5, score: 0 })
    expect(await storedBody(stack, user.id, WEEK)).toEqual(r)
  })

  it('a re-analysis keeps the corrected sport', async () => {
    await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers: user.headers, payload: { hr_max: 190 } })
    await aggregationIdle(stack)
    const d = (await stack.app.inject({ url: `/v1/activities/${ids.D}`, headers: user.headers })).json()
    expect(d).toMatchObject({ sport: 'other', sport_source: 'user' })
  })

  it('a new time zone moves sessions between weeks', async () => {
    // In UTC, F (Sun 23:30Z) is a Sunday session of week 47, and A (Mon 06:00Z) stays in it.
    await stack.app.inject({ method: 'PUT', url: '/v1/profile', headers: user.headers, payload: { time_zone: 'UTC' } })
    await aggregationIdle(stack)
    const r = await report()
    expect(r.time_zone).toBe('UTC')
    expect(r.sessions.map((s: { id: string }) => s.id)).toEqual([ids.A, ids.B, ids.C, ids.D, ids.F])
    expect(await storedBody(stack, user.id, WEEK)).toEqual(r)
    expect((await report('2026-W48')).sessions).toEqual([])
  })
})
