import type { Sex } from '../../model.js'

/** kJ in a kcal (thermochemical calorie). */
export const KJ_PER_KCAL = 4.184

export interface KeytelInputs {
  readonly sex: Sex | null
  readonly hr_bpm: number
  readonly weight_kg: number
  readonly age: number
}

/**
 * Keytel et al. (2005), J Sports Sci 23(3):289–297, the equations without VO2max, in kJ/min
 * (REGIMEN.md, Energy). With the sex unknown, the mean of the two forms.
 */
export function keytelKjPerMin({ sex, hr_bpm, weight_kg, age }: KeytelInputs): number {
  const men = -55.0969 + 0.6309 * hr_bpm + 0.1988 * weight_kg + 0.2017 * age
  const women = -20.4022 + 0.4472 * hr_bpm - 0.1263 * weight_kg + 0.074 * age
  if (sex === 'male') return men
  if (sex === 'female') return women
  return (men + women) / 2
}

/** kcal/min, a negative value (a heart rate too low for the equation) clamped at 0. */
export function keytelKcalPerMin(inputs: KeytelInputs): number {
  return Math.max(0, keytelKjPerMin(inputs)) / KJ_PER_KCAL
}
