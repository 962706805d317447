/**
 * The week's energy ledger (REGIMEN.md, Energy). Only days with logged intake have a balance;
 * a day with no log is unknown, never zero. Exercise energy counts every session of the week.
 */
import type { Goals } from '../model.js'
import { roundKcal, roundKg, roundOrNull } from './round.js'
import type { EnergyAggregate, IntakeDay } from './week-types.js'

/** kcal in a kilogram of body fat, the usual rule of thumb (REGIMEN.md: "7700 kcal per kg"). */
export const KCAL_PER_KG = 7700

export interface EnergyDayInput {
  readonly date: string
  readonly exercise_kcal: number
  readonly intake: IntakeDay | null
}

/** A day's balance: intake − (baseline + exercise); null when the day is not logged. */
export function dayBalanceKcal(day: EnergyDayInput, baselinePerDay: number): number | null {
  return day.intake === null ? null : day.intake.kcal - (baselinePerDay + day.exercise_kcal)
}

/** REGIMEN.md: "days below it are flagged, never praised". */
export function isLowIntake(day: EnergyDayInput, goals: Goals): boolean {
  return day.intake !== null && day.intake.kcal < goals.min_intake_kcal
}

export function aggregateEnergy(days: readonly EnergyDayInput[], baselinePerDay: number, goals: Goals): EnergyAggregate {
  const exercise = days.reduce((sum, d) => sum + d.exercise_kcal, 0)
  const logged = days.filter((d) => d.intake !== null)
  const n = logged.length
  const intake = logged.reduce((sum, d) => sum + (d.intake?.kcal ?? 0), 0)
  const balance = logged.reduce((sum, d) => sum + (dayBalanceKcal(d, baselinePerDay) ?? 0), 0)
  const lowDays = logged.filter((d) => isLowIntake(d, goals)).length
  const avgDeficit = n === 0 ? null : -balance / n
  // REGIMEN.md: met when the average deficit reaches the target and no logged day is too low.
  const met = avgDeficit === null ? null : avgDeficit >= goals.daily_deficit_kcal && lowDays === 0
  return {
    exercise_kcal: roundKcal(exercise),
    baseline_kcal: n === 0 ? null : roundKcal(baselinePerDay * n),
    intake_kcal: n === 0 ? null : roundKcal(intake),
    logged_days: n,
    balance_kcal: n === 0 ? null : roundKcal(balance),
    avg_daily_deficit_kcal: roundOrNull(avgDeficit, roundKcal),
    projected_weight_change_kg: n === 0 ? null : roundKg(balance / KCAL_PER_KG),
    low_intake_days: lowDays,
    met,
    baseline_kcal_per_day: roundKcal(baselinePerDay),
  }
}
