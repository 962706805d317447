import type { Athlete } from '../analyse/athlete.js'
import { restingKcalPerDay } from '../analyse/energy/mifflin.js'

export type BaselineAthlete = Pick<Athlete, 'sex' | 'age' | 'weight_kg' | 'height_cm'>

/**
 * Daily baseline expenditure (REGIMEN.md, Energy): resting energy by Mifflin–St Jeor times a
 * sedentary activity factor (1.2 by default, `goals.activity_factor`): what the body spends on
 * a day without exercise.
 */
export function baselineKcalPerDay(athlete: BaselineAthlete, activityFactor: number): number {
  return restingKcalPerDay(athlete) * activityFactor
}
