/**
 * Rounding for the report's numbers. Everything is computed on unrounded values and rounded once,
 * at the output, so a week's total is not the sum of rounded days (it can differ by a few tenths).
 */

import { roundTo } from '../round.js'

export { roundTo }

/** kcal to 0.1 kcal. */
export const roundKcal = (kcal: number): number => roundTo(kcal, 1)
/** Minutes to 0.1 min (6 s). */
export const roundMinutes = (minutes: number): number => roundTo(minutes, 1)
/** Metres to 0.1 m. */
export const roundMetres = (metres: number): number => roundTo(metres, 1)
/** Millilitres to whole ml: a glass is 250 ml, tenths mean nothing. */
export const roundMl = (ml: number): number => roundTo(ml, 0)
/** Kilograms to 1 g: 0.001 kg keeps a 500 kcal/day week (−0.455 kg) honest. */
export const roundKg = (kg: number): number => roundTo(kg, 3)
/** A 0..1 ratio to 0.001. */
export const roundRatio = (ratio: number): number => roundTo(ratio, 3)

/** Rounds a nullable value. */
export function roundOrNull(value: number | null, round: (x: number) => number): number | null {
  return value === null ? null : round(value)
}
