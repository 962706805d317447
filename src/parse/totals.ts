/** Session totals for a file that states none (GPX) and the start of every other set. */
import type { SessionTotals } from '../model.js'

export const NO_TOTALS: SessionTotals = Object.freeze({
  elapsed_s: null,
  timer_s: null,
  distance_m: null,
  calories_kcal: null,
  avg_hr_bpm: null,
  max_hr_bpm: null,
  pool_length_m: null,
  num_lengths: null,
})

/** A finite number, or null: files use 0xFF…-style invalids, NaN and junk text for "none". */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
