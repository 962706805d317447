/**
 * Daily baseline expenditure (REGIMEN.md, Energy): resting energy by Mifflin–St Jeor times a
 * sedentary activity factor (1.2 by default, `goals.activity_factor`).
 * NOTE: duplicates `restingKcalPerDay` in src/analyse while both are written in parallel; the
 * lead will keep one.
 */
import type { Athlete } from '../analyse/athlete.js'

export type BaselineAthlete = Pick<Athlete, 'sex' | 'age' | 'weight_kg' | 'height_cm'>

/** The sex constant of Mifflin–St Jeor: +5 for men, −161 for women. */
const SEX_TERM_MALE = 5
const SEX_TERM_FEMALE = -161

/**
 * Mifflin–St Jeor (1990), kcal/day: 10·kg + 6.25·cm − 5·age + 5 (men) or − 161 (women).
 * Unknown sex averages the two forms (athlete.ts: "the formulas average their male and female forms").
 */
export function mifflinStJeorKcalPerDay(athlete: BaselineAthlete): number {
  const sexTerm =
    athlete.sex === 'male' ? SEX_TERM_MALE : athlete.sex === 'female' ? SEX_TERM_FEMALE : (SEX_TERM_MALE + SEX_TERM_FEMALE) / 2
  return 10 * athlete.weight_kg + 6.25 * athlete.height_cm - 5 * athlete.age + sexTerm
}

/** Resting energy × activity factor: what the body spends on a day without exercise. */
export function baselineKcalPerDay(athlete: BaselineAthlete, activityFactor: number): number {
  return mifflinStJeorKcalPerDay(athlete) * activityFactor
}
