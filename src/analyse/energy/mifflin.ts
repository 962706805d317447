import type { Sex } from '../../model.js'

export interface RestingInputs {
  readonly sex: Sex | null
  readonly weight_kg: number
  readonly height_cm: number
  readonly age: number
}

/** The sex term of Mifflin–St Jeor: +5 men, −161 women, their mean when unknown. */
function sexTerm(sex: Sex | null): number {
  if (sex === 'male') return 5
  if (sex === 'female') return -161
  return (5 - 161) / 2
}

/**
 * Resting energy, kcal/day: Mifflin, St Jeor et al. (1990), Am J Clin Nutr 51(2):241–247,
 * `10·kg + 6.25·cm − 5·age + s` (REGIMEN.md, Energy). The weekly aggregation reuses this.
 */
export function restingKcalPerDay({ sex, weight_kg, height_cm, age }: RestingInputs): number {
  return 10 * weight_kg + 6.25 * height_cm - 5 * age + sexTerm(sex)
}
