import { describe, expect, it } from 'vitest'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import type { WeekAggregate, WeekInput } from '../../../src/aggregate/week-types.js'
import { DEFAULT_GOALS, EMPTY_PROFILE, type Profile } from '../../../src/model.js'
import { WORKED_INPUT, WORKED_PROFILE } from './worked-week.js'

// The worked week (worked-week.ts): baseline 2106 kcal/day (male 80 kg 180 cm 35 y: 1755 × 1.2).
// In the week: run-mon, str-tue, hiit-wed, walk-thu, yoga-fri, str-sat, swim-sun (7 sessions);
// run-prev-sun and run-next-mon fall in the neighbouring weeks on Berlin's clock.
const EXPECTED: WeekAggregate = {
  week: '2026-W47',
  time_zone: 'Europe/Berlin',
  from: '2026-11-16',
  to: '2026-11-22',
  goals: DEFAULT_GOALS,
  // cardio: run 40 + cycling 25 + walk 30 + swim 31 = 4 sessions, 126 min;
  // qualifying (≥ 30 min): run, walk, swim = 3 ≥ 3 → met
  cardio: { sessions: 4, qualifying_sessions: 3, minutes: 126, met: true },
  // intervals: hiit-wed only (yoga-fri is 'other') = 1 ≥ 1 → met
  intervals: { sessions: 1, met: true },
  // strength: str-tue, str-sat = 2 ≥ 2 → met
  strength: { sessions: 2, met: true },
  energy: {
    // 520 + 250.5 + 310.2 + 150 + 120 + 280 + 400 = 2030.7 (every session)
    exercise_kcal: 2030.7,
    // logged: Mon, Tue (the later 1900 entry), Wed, Sat = 4 days; 4 × 2106 = 8424
    baseline_kcal: 8424,
    // 2000 + 1900 + 1800 + 2200 = 7900
    intake_kcal: 7900,
    logged_days: 4,
    // Mon 2000 − (2106 + 520) = −626; Tue 1900 − (2106 + 250.5) = −456.5;
    // Wed 1800 − (2106 + 310.2) = −616.2; Sat 2200 − (2106 + 280) = −186; sum −1884.7
    balance_kcal: -1884.7,
    // 1884.7 / 4 = 471.175 → 471.2 < 500 → missed
    avg_daily_deficit_kcal: 471.2,
    // −1884.7 / 7700 = −0.24476… → −0.245
    projected_weight_change_kg: -0.245,
    low_intake_days: 0, // all ≥ 1200
    met: false,
    baseline_kcal_per_day: 2106,
  },
  // water on Mon 2000, Tue 1500, Sat 2200: (2000 + 1500 + 2200) / 3 = 1900 ≥ 1800 → met
  fluids: { logged_days: 3, avg_ml: 1900, met: true },
  days: [
    {
      date: '2026-11-16',
      sessions: 1,
      moving_min: 40,
      exercise_kcal: 520,
      intake_kcal: 2000,
      balance_kcal: -626,
      weekday: 'Mon',
      water_ml: 2000,
      protein_g: 120,
      low_intake: false,
    },
    {
      date: '2026-11-17',
      sessions: 1,
      moving_min: 45,
      exercise_kcal: 250.5,
      intake_kcal: 1900,
      balance_kcal: -456.5,
      weekday: 'Tue',
      water_ml: 1500,
      protein_g: 110,
      low_intake: false,
    },
    {
      date: '2026-11-18',
      sessions: 1,
      moving_min: 25,
      exercise_kcal: 310.2,
      intake_kcal: 1800,
      balance_kcal: -616.2,
      weekday: 'Wed',
      water_ml: null,
      protein_g: null,
      low_intake: false,
    },
    {
      date: '2026-11-19',
      sessions: 1,
      moving_min: 30,
      exercise_kcal: 150,
      intake_kcal: null,
      balance_kcal: null,
      weekday: 'Thu',
      water_ml: null,
      protein_g: null,
      low_intake: false,
    },
    {
      date: '2026-11-20',
      sessions: 1,
      moving_min: 60,
      exercise_kcal: 120,
      intake_kcal: null,
      balance_kcal: null,
      weekday: 'Fri',
      water_ml: null,
      protein_g: null,
      low_intake: false,
    },
    {
      date: '2026-11-21',
      sessions: 1,
      moving_min: 50,
      exercise_kcal: 280,
      intake_kcal: 2200,
      balance_kcal: -186,
      weekday: 'Sat',
      water_ml: 2200,
      protein_g: null,
      low_intake: false,
    },
    {
      date: '2026-11-22',
      sessions: 1,
      moving_min: 31,
      exercise_kcal: 400,
      intake_kcal: null,
      balance_kcal: null,
      weekday: 'Sun',
      water_ml: null,
      protein_g: null,
      low_intake: false,
    },
  ],
  by_sport: {
    running: { sessions: 1, moving_min: 40, distance_m: 8000, kcal: 520 },
    walking: { sessions: 1, moving_min: 30, distance_m: 2500, kcal: 150 },
    cycling: { sessions: 1, moving_min: 25, distance_m: 12000, kcal: 310.2 },
    swimming: { sessions: 1, moving_min: 31, distance_m: 1500, kcal: 400 },
    // 45 + 50 = 95 min; 250.5 + 280 = 530.5 kcal; no distance recorded → null
    strength: { sessions: 2, moving_min: 95, distance_m: null, kcal: 530.5 },
    other: { sessions: 1, moving_min: 60, distance_m: null, kcal: 120 },
  },
  // cardio, intervals, strength, fluids met; energy missed: 4 / 5 = 0.8
  compliance: { goals_met: 4, goals_total: 5, score: 0.8 },
  // z1 300+600+120+1200+500 = 2720; z2 600+300+180+400+900 = 2380; z3 900+300+100+600 = 1900;
  // z4 600+600+360 = 1560; z5 300
  hr_zones_s: [2720, 2380, 1900, 1560, 300],
  sessions: [
    {
      id: 'run-mon',
      date: '2026-11-16',
      start_time: '2026-11-16T06:00:00Z',
      sport: 'running',
      intervals: false,
      moving_min: 40,
      kcal: 520,
      name: 'Easy run',
      qualifying: true,
      local_time: '07:00',
      distance_m: 8000,
    },
    {
      id: 'str-tue',
      date: '2026-11-17',
      start_time: '2026-11-17T17:00:00Z',
      sport: 'strength',
      intervals: false,
      moving_min: 45,
      kcal: 250.5,
      name: 'Gym',
      qualifying: false,
      local_time: '18:00',
      distance_m: null,
    },
    {
      id: 'hiit-wed',
      date: '2026-11-18',
      start_time: '2026-11-18T06:30:00Z',
      sport: 'cycling',
      intervals: true,
      moving_min: 25,
      kcal: 310.2,
      name: '=HYPERLINK("http://evil")',
      qualifying: false,
      local_time: '07:30',
      distance_m: 12000,
    },
    {
      id: 'walk-thu',
      date: '2026-11-19',
      start_time: '2026-11-19T12:00:00Z',
      sport: 'walking',
      intervals: false,
      moving_min: 30,
      kcal: 150,
      name: '<script>alert(1)</script>',
      qualifying: true,
      local_time: '13:00',
      distance_m: 2500,
    },
    {
      id: 'yoga-fri',
      date: '2026-11-20',
      start_time: '2026-11-20T18:00:00Z',
      sport: 'other',
      intervals: true,
      moving_min: 60,
      kcal: 120,
      name: 'Yoga & "stretch", <b>',
      qualifying: false,
      local_time: '19:00',
      distance_m: null,
    },
    {
      id: 'str-sat',
      date: '2026-11-21',
      start_time: '2026-11-21T09:00:00Z',
      sport: 'strength',
      intervals: false,
      moving_min: 50,
      kcal: 280,
      name: null,
      qualifying: false,
      local_time: '10:00',
      distance_m: null,
    },
    {
      id: 'swim-sun',
      date: '2026-11-22',
      start_time: '2026-11-22T22:30:00Z',
      sport: 'swimming',
      intervals: false,
      moving_min: 31,
      kcal: 400,
      name: 'Late swim',
      qualifying: true,
      local_time: '23:30',
      distance_m: 1500,
    },
  ],
  assumed: [], // hr_rest and hr_max are defaulted, but no figure of the week uses them
}

const week = (over: Partial<WeekInput> = {}, profile: Partial<Profile> = {}): WeekAggregate =>
  aggregateWeek({ ...WORKED_INPUT, ...over, profile: { ...WORKED_PROFILE, ...profile } })

describe('aggregateWeek', () => {
  it('works out every figure of the worked week', () => {
    expect(aggregateWeek(WORKED_INPUT)).toEqual(EXPECTED)
  })

  it('keeps the contract keys first and in the contract order', () => {
    expect(Object.keys(aggregateWeek(WORKED_INPUT)).slice(0, 13)).toEqual([
      'week',
      'time_zone',
      'from',
      'to',
      'goals',
      'cardio',
      'intervals',
      'strength',
      'energy',
      'fluids',
      'days',
      'by_sport',
      'compliance',
    ])
  })

  it('leaves energy and fluids unknown in a week with no log, and drops them from the score', () => {
    const agg = week({ intake: [] })
    expect(agg.energy).toEqual({
      exercise_kcal: 2030.7, // sessions still count
      baseline_kcal: null,
      intake_kcal: null,
      logged_days: 0,
      balance_kcal: null,
      avg_daily_deficit_kcal: null,
      projected_weight_change_kg: null,
      low_intake_days: 0,
      met: null,
      baseline_kcal_per_day: 2106,
    })
    expect(agg.fluids).toEqual({ logged_days: 0, avg_ml: null, met: null })
    expect(agg.days.map((d) => [d.intake_kcal, d.balance_kcal])).toEqual(Array(7).fill([null, null]))
    // cardio, intervals, strength met; energy and fluids unknown: 3 / 3 = 1
    expect(agg.compliance).toEqual({ goals_met: 3, goals_total: 3, score: 1 })
  })

  it('misses the energy goal on a low-intake day even when the deficit is reached', () => {
    // Female 60 kg 165 cm born 1996 → 30 in 2026: 10*60 + 6.25*165 − 5*30 − 161 = 1320.25; × 1.2 = 1584.3
    const agg = week(
      {
        activities: [
          {
            id: 'r',
            start_time: '2026-11-17T07:00:00Z',
            sport: 'running',
            intervals: false,
            moving_s: 1800,
            distance_m: 5000,
            energy_kcal: 300,
            hr_zones_s: [],
            name: null,
          },
        ],
        intake: [
          { date: '2026-11-16', kcal: 1100, water_ml: null, protein_g: null }, // 1100 − 1584.3 = −484.3, below 1200
          { date: '2026-11-17', kcal: 1250, water_ml: null, protein_g: null }, // 1250 − (1584.3 + 300) = −634.3
        ],
      },
      { sex: 'female', weight_kg: 60, height_cm: 165, birth_year: 1996 },
    )
    // sum −1118.6; avg deficit 1118.6 / 2 = 559.3 ≥ 500, but one day < 1200 → missed
    expect(agg.energy).toMatchObject({
      baseline_kcal: 3168.6, // 2 × 1584.3
      intake_kcal: 2350,
      balance_kcal: -1118.6,
      avg_daily_deficit_kcal: 559.3,
      projected_weight_change_kg: -0.145, // −1118.6 / 7700 = −0.14527…
      low_intake_days: 1,
      met: false,
    })
    expect(agg.days.map((d) => d.low_intake)).toEqual([true, false, false, false, false, false, false])
    expect(agg.hr_zones_s).toEqual([0, 0, 0, 0, 0]) // a session without zones adds nothing
  })

  it('meets the energy goal with a deficit at the target and no low day', () => {
    // Mon intake 2106 + 520 − 500 = 2126 → balance exactly −500
    const agg = week({ intake: [{ date: '2026-11-16', kcal: 2126, water_ml: null, protein_g: null }] })
    expect(agg.energy).toMatchObject({ logged_days: 1, balance_kcal: -500, avg_daily_deficit_kcal: 500, met: true })
  })

  it.each([
    // sex unknown: the two constants averaged, (5 − 161) / 2 = −78;
    // 800 + 1125 − 175 − 78 = 1672; × 1.2 = 2006.4
    { profile: { sex: null }, perDay: 2006.4, assumed: ['sex'] },
    // nothing known: 40 y, 75 kg, 170 cm, sex averaged: 750 + 1062.5 − 200 − 78 = 1534.5; × 1.2 = 1841.4
    { profile: { ...EMPTY_PROFILE, time_zone: 'Europe/Berlin' }, perDay: 1841.4, assumed: ['age', 'sex', 'weight_kg', 'height_cm'] },
    // activity factor 1.5: 1755 × 1.5 = 2632.5
    { profile: { goals: { ...DEFAULT_GOALS, activity_factor: 1.5 } }, perDay: 2632.5, assumed: [] },
  ] as const)('baseline $perDay kcal/day and assumed $assumed', ({ profile, perDay, assumed }) => {
    const agg = week({}, profile)
    expect(agg.energy.baseline_kcal_per_day).toBe(perDay)
    expect(agg.assumed).toEqual(assumed)
  })

  it('counts the age to the ISO year of the week, not the calendar year of its Monday', () => {
    // 2026-W01 starts Mon 2025-12-29: age 2026 − 1991 = 35 → 2106 (age 34, from 2025, would give 1760 × 1.2 = 2112)
    expect(week({ week: '2026-W01' }).energy.baseline_kcal_per_day).toBe(2106)
  })

  it('places a Sunday 23:30 New York session (Monday 04:30 UTC) in its local week', () => {
    const agg = week(
      {
        week: '2026-W47',
        activities: [
          {
            id: 'late',
            start_time: '2026-11-23T04:30:00Z',
            sport: 'running',
            intervals: false,
            moving_s: 1800,
            distance_m: null,
            energy_kcal: 100,
            hr_zones_s: [],
            name: null,
          },
        ],
      },
      { time_zone: 'America/New_York' },
    )
    expect(agg.sessions.map((s) => [s.date, s.local_time])).toEqual([['2026-11-22', '23:30']])
    expect(agg.days[6]?.sessions).toBe(1)
  })

  it('rounds minutes and kcal to 0.1 and sums unrounded values', () => {
    // 3 × 100 s = 300 s = 5 min (each 1.666… → 1.7; rounded-then-summed would give 5.1)
    // 3 × 33.33 kcal = 99.99 → 100 (each 33.3; rounded-then-summed would give 99.9)
    const s = (id: string) => ({
      id,
      start_time: '2026-11-16T08:00:00Z',
      sport: 'running' as const,
      intervals: false,
      moving_s: 100,
      distance_m: null,
      energy_kcal: 33.33,
      hr_zones_s: [],
      name: null,
    })
    const agg = week({ activities: [s('a'), s('b'), s('c')], intake: [] })
    expect(agg.days[0]).toMatchObject({ moving_min: 5, exercise_kcal: 100 })
    expect(agg.sessions.map((x) => [x.moving_min, x.kcal])).toEqual(Array(3).fill([1.7, 33.3]))
    expect(agg.cardio).toEqual({ sessions: 3, qualifying_sessions: 0, minutes: 5, met: false })
  })

  it.each([
    { over: { week: '2021-W53' }, profile: {}, message: /2021 has 52/ },
    { over: { week: '2026-47' }, profile: {}, message: /not an ISO week/ },
    { over: {}, profile: { time_zone: 'Mars/Olympus' }, message: /not an IANA time zone/ },
    {
      over: {
        activities: [
          {
            id: 'x',
            start_time: 'yesterday',
            sport: 'running',
            intervals: false,
            moving_s: 1,
            distance_m: null,
            energy_kcal: 1,
            hr_zones_s: [],
            name: null,
          },
        ],
      },
      profile: {},
      message: /activity x/,
    },
  ] as const)('rejects bad input: $message', ({ over, profile, message }) => {
    expect(() => week(over as Partial<WeekInput>, profile)).toThrow(message)
  })
})
