import type { EnergySource, Lap, SessionTotals, Sex } from '../../model.js'
import { keytelKcalPerMin } from './keytel.js'

export interface EnergyInputs {
  readonly totals: SessionTotals
  readonly laps: readonly Lap[]
  readonly hr: Float32Array | null
  readonly weight_s: Float64Array // timer seconds per sample
  readonly moving: Uint8Array
  readonly sex: Sex | null
  readonly weight_kg: number
  readonly age: number
  readonly metKcal: () => number // evaluated only when needed
}

export interface Energy {
  readonly energy_kcal: number
  readonly energy_source: EnergySource
}

/** Keytel, sample by sample over the moving time; null without a usable heart rate. */
export function heartRateKcal(inputs: Pick<EnergyInputs, 'hr' | 'weight_s' | 'moving' | 'sex' | 'weight_kg' | 'age'>): number | null {
  const { hr, weight_s, moving, sex, weight_kg, age } = inputs
  if (hr === null) return null
  let kcal = 0
  let seconds = 0
  for (let i = 0; i < hr.length; i++) {
    const v = hr[i]!
    if (Number.isNaN(v) || moving[i] !== 1) continue
    kcal += (keytelKcalPerMin({ sex, hr_bpm: v, weight_kg, age }) * weight_s[i]!) / 60
    seconds += weight_s[i]!
  }
  return seconds > 0 ? kcal : null
}

/** REGIMEN.md, Energy: the device's total, else heart rate (Keytel), else MET. */
export function estimateEnergy(inputs: EnergyInputs): Energy {
  const device = inputs.totals.calories_kcal
  if (device !== null && device > 0) return { energy_kcal: device, energy_source: 'device' }
  // NOTE: TCX has no session total; its laps carry Calories (tcx/sports-lib__garmin.tcx).
  const lapSum = inputs.laps.reduce((sum, lap) => sum + (lap.calories_kcal ?? 0), 0)
  if (lapSum > 0) return { energy_kcal: lapSum, energy_source: 'device' }
  const fromHr = heartRateKcal(inputs)
  if (fromHr !== null) return { energy_kcal: fromHr, energy_source: 'heart_rate' }
  return { energy_kcal: inputs.metKcal(), energy_source: 'met' }
}
