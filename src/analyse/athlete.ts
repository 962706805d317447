import type { Profile, Sex } from '../model.js'

/**
 * The athlete's values with every gap filled. When the user has not given a value we use a
 * stated default and list it in `assumed`, so reports can say what was guessed.
 */
export interface Athlete {
  readonly sex: Sex | null // null: the formulas average their male and female forms
  readonly age: number
  readonly weight_kg: number
  readonly height_cm: number
  readonly hr_rest: number
  readonly hr_max: number
  readonly assumed: readonly string[]
}

/** Defaults for a profile that says nothing: an adult of middling build. */
export const DEFAULT_AGE = 40
export const DEFAULT_WEIGHT_KG = 75
export const DEFAULT_HEIGHT_CM = 170
export const DEFAULT_HR_REST = 60 // REGIMEN.md, Heart-rate metrics

/** Tanaka, Monahan & Seals (2001): HRmax = 208 − 0.7 × age. */
export function tanakaMaxHr(age: number): number {
  return 208 - 0.7 * age
}

/** Resolves a profile for a moment in time: age counts from the birth year to `year`. */
export function resolveAthlete(profile: Profile, year: number): Athlete {
  const assumed: string[] = []
  const pick = <T>(value: T | null, fallback: T, name: string): T => {
    if (value !== null) return value
    assumed.push(name)
    return fallback
  }
  const age = profile.birth_year === null ? pick(null, DEFAULT_AGE, 'age') : Math.max(0, year - profile.birth_year)
  if (profile.sex === null) assumed.push('sex')
  return {
    sex: profile.sex,
    age,
    weight_kg: pick(profile.weight_kg, DEFAULT_WEIGHT_KG, 'weight_kg'),
    height_cm: pick(profile.height_cm, DEFAULT_HEIGHT_CM, 'height_cm'),
    hr_rest: pick(profile.hr_rest, DEFAULT_HR_REST, 'hr_rest'),
    hr_max: pick(profile.hr_max, Math.round(tanakaMaxHr(age)), 'hr_max'),
    assumed,
  }
}
