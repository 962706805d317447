import { describe, expect, it } from 'vitest'
import { baselineKcalPerDay } from '../../../src/aggregate/baseline.js'
import { restingKcalPerDay } from '../../../src/analyse/energy/mifflin.js'

describe('Mifflin–St Jeor and the daily baseline', () => {
  it.each([
    // 10*80 + 6.25*180 − 5*35 + 5 = 800 + 1125 − 175 + 5 = 1755; × 1.2 = 2106
    { sex: 'male', weight_kg: 80, height_cm: 180, age: 35, factor: 1.2, resting: 1755, baseline: 2106 },
    // 10*60 + 6.25*165 − 5*30 − 161 = 600 + 1031.25 − 150 − 161 = 1320.25; × 1.2 = 1584.3
    { sex: 'female', weight_kg: 60, height_cm: 165, age: 30, factor: 1.2, resting: 1320.25, baseline: 1584.3 },
    // sex unknown: (5 − 161) / 2 = −78; 800 + 1125 − 175 − 78 = 1672; × 1.2 = 2006.4
    { sex: null, weight_kg: 80, height_cm: 180, age: 35, factor: 1.2, resting: 1672, baseline: 2006.4 },
    // 10*100 + 6.25*190 − 5*50 + 5 = 1000 + 1187.5 − 250 + 5 = 1942.5; × 1.375 = 2670.9375
    { sex: 'male', weight_kg: 100, height_cm: 190, age: 50, factor: 1.375, resting: 1942.5, baseline: 2670.9375 },
  ] as const)('$sex $weight_kg kg $height_cm cm $age y → $resting × $factor = $baseline', ({ factor, resting, baseline, ...athlete }) => {
    expect(restingKcalPerDay(athlete)).toBeCloseTo(resting, 9)
    expect(baselineKcalPerDay(athlete, factor)).toBeCloseTo(baseline, 9)
  })
})
