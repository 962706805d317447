import type { Sex } from '../../model.js'

/**
 * Banister's TRIMP weighting (Banister 1991; REGIMEN.md, Heart-rate metrics): men
 * 0.64·e^(1.92·ΔHR), women 0.86·e^(1.67·ΔHR); with the sex unknown, the mean of the two.
 */
export function trimpWeight(sex: Sex | null, fraction: number): number {
  const men = 0.64 * Math.exp(1.92 * fraction)
  const women = 0.86 * Math.exp(1.67 * fraction)
  if (sex === 'male') return men
  if (sex === 'female') return women
  return (men + women) / 2
}

/** TRIMP of a stretch of `minutes` at reserve fraction ΔHR, clamped to 0..1. */
export function trimpFor(sex: Sex | null, minutes: number, fraction: number): number {
  const x = Math.min(1, Math.max(0, fraction))
  return minutes * x * trimpWeight(sex, x)
}
