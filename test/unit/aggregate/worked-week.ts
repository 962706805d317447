/**
 * A worked week, 2026-W47 (Mon 2026-11-16 … Sun 2026-11-22) in Europe/Berlin (UTC+1 in November),
 * shared by the aggregate and report tests. Every figure it should produce is worked out by hand
 * in week.test.ts.
 */
import { DEFAULT_GOALS, type Profile } from '../../../src/model.js'
import type { IntakeDay, WeekActivity, WeekInput } from '../../../src/aggregate/week-types.js'

// Male, 80 kg, 180 cm, born 1991 → 35 in 2026. Mifflin 10*80 + 6.25*180 − 5*35 + 5 = 1755; × 1.2 = 2106.
export const WORKED_PROFILE: Profile = {
  sex: 'male',
  birth_year: 1991,
  weight_kg: 80,
  height_cm: 180,
  hr_rest: null, // assumed by resolveAthlete, but not used by the week's figures
  hr_max: null,
  time_zone: 'Europe/Berlin',
  goals: DEFAULT_GOALS,
}

const session = (a: Partial<WeekActivity> & Pick<WeekActivity, 'id' | 'start_time' | 'sport'>): WeekActivity => ({
  intervals: false,
  moving_s: 0,
  distance_m: null,
  energy_kcal: 0,
  hr_zones_s: [0, 0, 0, 0, 0],
  name: null,
  ...a,
})

export const WORKED_ACTIVITIES: readonly WeekActivity[] = [
  // Sunday 23:30 Berlin of the week before (22:30Z): not this week.
  session({ id: 'run-prev-sun', start_time: '2026-11-15T22:30:00Z', sport: 'running', moving_s: 3600, energy_kcal: 700 }),
  // Out of order on purpose: the Sunday-night swim first.
  // Sunday 23:30 Berlin = 22:30Z: still this week. 31 min → qualifying.
  session({
    id: 'swim-sun',
    start_time: '2026-11-22T22:30:00Z',
    sport: 'swimming',
    moving_s: 1860,
    distance_m: 1500,
    energy_kcal: 400,
    hr_zones_s: [0, 900, 600, 360, 0],
    name: 'Late swim',
  }),
  // Monday 07:00 Berlin. 40 min → qualifying.
  session({
    id: 'run-mon',
    start_time: '2026-11-16T06:00:00Z',
    sport: 'running',
    moving_s: 2400,
    distance_m: 8000,
    energy_kcal: 520,
    hr_zones_s: [300, 600, 900, 600, 0],
    name: 'Easy run',
  }),
  session({
    id: 'str-tue',
    start_time: '2026-11-17T17:00:00Z',
    sport: 'strength',
    moving_s: 2700,
    energy_kcal: 250.5,
    hr_zones_s: [600, 300, 0, 0, 0],
    name: 'Gym',
  }),
  // Intervals on the bike, 25 min: an interval session but not a qualifying cardio session.
  session({
    id: 'hiit-wed',
    start_time: '2026-11-18T06:30:00Z',
    sport: 'cycling',
    intervals: true,
    moving_s: 1500,
    distance_m: 12000,
    energy_kcal: 310.2,
    hr_zones_s: [120, 180, 300, 600, 300],
    name: '=HYPERLINK("http://evil")',
  }),
  // Exactly 30 min: qualifies (≥, REGIMEN.md "at least 30 min").
  session({
    id: 'walk-thu',
    start_time: '2026-11-19T12:00:00Z',
    sport: 'walking',
    moving_s: 1800,
    distance_m: 2500,
    energy_kcal: 150,
    hr_zones_s: [1200, 0, 0, 0, 0],
    name: '<script>alert(1)</script>',
  }),
  // 'other' with intervals: not cardio, so not an interval session either.
  session({
    id: 'yoga-fri',
    start_time: '2026-11-20T18:00:00Z',
    sport: 'other',
    intervals: true,
    moving_s: 3600,
    energy_kcal: 120,
    name: 'Yoga & "stretch", <b>',
  }),
  session({
    id: 'str-sat',
    start_time: '2026-11-21T09:00:00Z',
    sport: 'strength',
    moving_s: 3000,
    energy_kcal: 280,
    hr_zones_s: [500, 400, 100, 0, 0],
  }),
  // Monday 00:30 Berlin of the next week, though still Sunday (23:30Z) in UTC: not this week.
  session({ id: 'run-next-mon', start_time: '2026-11-22T23:30:00Z', sport: 'running', moving_s: 3600, energy_kcal: 700 }),
]

export const WORKED_INTAKE: readonly IntakeDay[] = [
  { date: '2026-11-17', kcal: 3000, water_ml: null, protein_g: null }, // replaced by the later Tuesday entry
  { date: '2026-11-16', kcal: 2000, water_ml: 2000, protein_g: 120 },
  { date: '2026-11-17', kcal: 1900, water_ml: 1500, protein_g: 110 },
  { date: '2026-11-18', kcal: 1800, water_ml: null, protein_g: null },
  { date: '2026-11-21', kcal: 2200, water_ml: 2200, protein_g: null },
  { date: '2026-11-23', kcal: 500, water_ml: 100, protein_g: null }, // next week
]

export const WORKED_INPUT: WeekInput = {
  week: '2026-W47',
  profile: WORKED_PROFILE,
  activities: WORKED_ACTIVITIES,
  intake: WORKED_INTAKE,
}
