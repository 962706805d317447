/**
 * A week's sessions and food log → the weekly report (CONTRACT.md, Weekly report) against the
 * regimen (REGIMEN.md). Pure: profile, zone and week are arguments, and nothing reads a clock.
 */
import { resolveAthlete } from '../analyse/athlete.js'
import { FitledgerError } from '../errors.js'
import type { Goals } from '../model.js'
import { baselineKcalPerDay } from './baseline.js'
import { aggregateBySport } from './by-sport.js'
import { isoWeekday, epochDayOf } from './calendar-date.js'
import { scoreCompliance } from './compliance.js'
import { aggregateEnergy, dayBalanceKcal, isLowIntake, type EnergyDayInput } from './energy.js'
import { aggregateFluids } from './fluids.js'
import { GOALS, judgeGoals } from './goals.js'
import { parseIsoWeek, weekDates } from './iso-week.js'
import { isValidTimeZone, localDateOf, localTimeOf, toUtcMs } from './local-time.js'
import { roundKcal, roundMetres, roundMinutes, roundOrNull, roundTo } from './round.js'
import { isCardio, isIntervalSession, isQualifyingCardio, isStrength } from './session-rules.js'
import type { DayAggregate, IntakeDay, SessionRow, WeekActivity, WeekAggregate, WeekInput } from './week-types.js'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/** The profile values the week's figures rest on; hr_rest/hr_max only shape per-session zones. */
const BASELINE_FIELDS = new Set(['sex', 'age', 'weight_kg', 'height_cm'])

interface Placed {
  readonly activity: WeekActivity
  readonly date: string
  readonly start_ms: number
}

function placeActivity(a: WeekActivity, timeZone: string): Placed {
  let start_ms: number
  try {
    start_ms = toUtcMs(a.start_time)
  } catch (err) {
    throw new FitledgerError('bad_request', `activity ${a.id} has no valid start_time`, { cause: err })
  }
  // REGIMEN.md: a session belongs to the day and week of its start time in the profile's zone.
  return { activity: a, date: localDateOf(start_ms, timeZone), start_ms }
}

/** One entry per date; a later entry for the same date replaces an earlier one, as POST /v1/intake does. */
function intakeByDate(intake: readonly IntakeDay[], dates: ReadonlySet<string>): Map<string, IntakeDay> {
  const byDate = new Map<string, IntakeDay>()
  for (const day of intake) if (dates.has(day.date)) byDate.set(day.date, day)
  return byDate
}

function sumZones(activities: readonly WeekActivity[]): [number, number, number, number, number] {
  const zone = (z: number): number =>
    roundTo(
      activities.reduce((sum, a) => sum + (a.hr_zones_s[z] ?? 0), 0),
      0,
    )
  return [zone(0), zone(1), zone(2), zone(3), zone(4)]
}

function sessionRow(p: Placed, goals: Goals, timeZone: string): SessionRow {
  const a = p.activity
  return {
    id: a.id,
    date: p.date,
    start_time: a.start_time,
    sport: a.sport,
    intervals: a.intervals,
    moving_min: roundMinutes(a.moving_s / 60),
    kcal: roundKcal(a.energy_kcal),
    name: a.name,
    qualifying: isQualifyingCardio(a, goals),
    local_time: localTimeOf(p.start_ms, timeZone),
    distance_m: roundOrNull(a.distance_m, roundMetres),
  }
}

function dayRow(day: EnergyDayInput, placed: readonly Placed[], baseline: number, goals: Goals): DayAggregate {
  const on = placed.filter((p) => p.date === day.date).map((p) => p.activity)
  const balance = dayBalanceKcal(day, baseline)
  return {
    date: day.date,
    sessions: on.length,
    moving_min: roundMinutes(on.reduce((sum, a) => sum + a.moving_s, 0) / 60),
    exercise_kcal: roundKcal(day.exercise_kcal),
    intake_kcal: day.intake === null ? null : roundKcal(day.intake.kcal),
    balance_kcal: roundOrNull(balance, roundKcal),
    weekday: WEEKDAYS[isoWeekday(epochDayOf(day.date)) - 1] ?? '',
    water_ml: day.intake?.water_ml ?? null,
    protein_g: day.intake?.protein_g ?? null,
    low_intake: isLowIntake(day, goals),
  }
}

export function aggregateWeek(input: WeekInput): WeekAggregate {
  const { profile } = input
  const { goals, time_zone: timeZone } = profile
  if (!isValidTimeZone(timeZone)) throw new FitledgerError('bad_request', `"${timeZone}" is not an IANA time zone`)
  const { year } = parseIsoWeek(input.week)
  const dates = weekDates(input.week)
  const dateSet = new Set(dates)

  const placed = input.activities
    .map((a) => placeActivity(a, timeZone))
    .filter((p) => dateSet.has(p.date))
    .sort((x, y) => x.start_ms - y.start_ms || (x.activity.id < y.activity.id ? -1 : 1))
  const activities = placed.map((p) => p.activity)
  const intake = intakeByDate(input.intake, dateSet)

  // REGIMEN.md, Energy: age counts to the week's (ISO) year; gaps take athlete.ts's stated defaults.
  const athlete = resolveAthlete(profile, year)
  const baseline = baselineKcalPerDay(athlete, goals.activity_factor)
  const energyDays: EnergyDayInput[] = dates.map((date) => ({
    date,
    exercise_kcal: placed.filter((p) => p.date === date).reduce((sum, p) => sum + p.activity.energy_kcal, 0),
    intake: intake.get(date) ?? null,
  }))
  const energy = aggregateEnergy(energyDays, baseline, goals)
  const fluids = aggregateFluids([...intake.values()], goals)

  const cardio = activities.filter(isCardio)
  const qualifying = cardio.filter((a) => isQualifyingCardio(a, goals)).length
  const intervals = activities.filter(isIntervalSession).length
  const strength = activities.filter(isStrength).length
  const met = judgeGoals({
    goals,
    cardio: { qualifying_sessions: qualifying },
    intervals: { sessions: intervals },
    strength: { sessions: strength },
    energy,
    fluids,
  })

  return {
    week: input.week,
    time_zone: timeZone,
    from: dates[0] ?? '',
    to: dates[6] ?? '',
    goals: { ...goals },
    cardio: {
      sessions: cardio.length,
      qualifying_sessions: qualifying,
      minutes: roundMinutes(cardio.reduce((sum, a) => sum + a.moving_s, 0) / 60),
      met: met.cardio,
    },
    intervals: { sessions: intervals, met: met.intervals },
    strength: { sessions: strength, met: met.strength },
    energy,
    fluids,
    days: energyDays.map((d) => dayRow(d, placed, baseline, goals)),
    by_sport: aggregateBySport(activities),
    compliance: scoreCompliance(GOALS.map((g) => met[g.key])),
    hr_zones_s: sumZones(activities),
    sessions: placed.map((p) => sessionRow(p, goals, timeZone)),
    assumed: athlete.assumed.filter((field) => BASELINE_FIELDS.has(field)),
  }
}
