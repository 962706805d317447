import { describe, expect, it } from 'vitest'
import { tanakaMaxHr } from '../../../src/analyse/athlete.js'
import { keytelKcalPerMin, keytelKjPerMin } from '../../../src/analyse/energy/keytel.js'
import { interpolate, metFor, metKcal } from '../../../src/analyse/energy/met.js'
import { restingKcalPerDay } from '../../../src/analyse/energy/mifflin.js'
import { reserveFraction, zone4FloorBpm, zoneOf } from '../../../src/analyse/heart/hr-zones.js'
import { trimpFor } from '../../../src/analyse/heart/trimp.js'

describe('Keytel et al. (2005), without VO2max', () => {
  it.each([
    // -55.0969 + 0.6309*150 + 0.1988*80 + 0.2017*35 = -55.0969 + 94.635 + 15.904 + 7.0595 = 62.5016 kJ/min
    { sex: 'male', hr_bpm: 150, weight_kg: 80, age: 35, kj: 62.5016, kcal: 62.5016 / 4.184 },
    // -20.4022 + 0.4472*150 - 0.1263*60 + 0.074*30 = -20.4022 + 67.08 - 7.578 + 2.22 = 41.3198 kJ/min
    { sex: 'female', hr_bpm: 150, weight_kg: 60, age: 30, kj: 41.3198, kcal: 41.3198 / 4.184 },
    // men 62.5016; women -20.4022 + 67.08 - 10.104 + 2.59 = 39.1638; mean (62.5016 + 39.1638)/2 = 50.8327
    { sex: null, hr_bpm: 150, weight_kg: 80, age: 35, kj: 50.8327, kcal: 50.8327 / 4.184 },
    // -55.0969 + 37.854 + 9.94 + 4.034 = -3.2689 kJ/min: clamped to 0
    { sex: 'male', hr_bpm: 60, weight_kg: 50, age: 20, kj: -3.2689, kcal: 0 },
  ] as const)('$sex at $hr_bpm bpm → $kj kJ/min', ({ kj, kcal, ...inputs }) => {
    expect(keytelKjPerMin(inputs)).toBeCloseTo(kj, 6)
    expect(keytelKcalPerMin(inputs)).toBeCloseTo(kcal, 6)
  })
})

describe('Mifflin–St Jeor resting energy', () => {
  it.each([
    // 10*80 + 6.25*180 - 5*35 + 5   = 800 + 1125 - 175 + 5      = 1755
    { sex: 'male', weight_kg: 80, height_cm: 180, age: 35, kcal: 1755 },
    // 10*60 + 6.25*165 - 5*30 - 161 = 600 + 1031.25 - 150 - 161 = 1320.25
    { sex: 'female', weight_kg: 60, height_cm: 165, age: 30, kcal: 1320.25 },
    // 10*70 + 6.25*170 - 5*40 + (5 - 161)/2 = 700 + 1062.5 - 200 - 78 = 1484.5
    { sex: null, weight_kg: 70, height_cm: 170, age: 40, kcal: 1484.5 },
  ] as const)('$sex → $kcal kcal/day', ({ kcal, ...person }) => {
    expect(restingKcalPerDay(person)).toBeCloseTo(kcal, 6)
  })
})

describe('Banister TRIMP', () => {
  it.each([
    // 60 min × 0.5 × 0.64·e^(1.92·0.5) = 30 × 0.64 × 2.611696 = 50.1446
    { sex: 'male', minutes: 60, fraction: 0.5, trimp: 50.1446 },
    // 60 min × 0.5 × 0.86·e^(1.67·0.5) = 30 × 0.86 × 2.304814 = 59.4642
    { sex: 'female', minutes: 60, fraction: 0.5, trimp: 59.4642 },
    // the mean of the two: (50.1446 + 59.4642) / 2 = 54.8044
    { sex: null, minutes: 60, fraction: 0.5, trimp: 54.8044 },
    // 10 min × 0.8 × 0.64·e^(1.536) = 8 × 0.64 × 4.645945 = 23.7874
    { sex: 'male', minutes: 10, fraction: 0.8, trimp: 23.7874 },
    // below resting HR counts nothing
    { sex: 'male', minutes: 10, fraction: -0.2, trimp: 0 },
  ] as const)('$sex, $minutes min at ΔHR $fraction → $trimp', ({ sex, minutes, fraction, trimp }) => {
    expect(trimpFor(sex, minutes, fraction)).toBeCloseTo(trimp, 3)
  })
})

describe('heart-rate zones (% of reserve) and Tanaka', () => {
  it.each([
    // rest 60, max 180: reserve 120
    { hr: 110, zone: -1 }, // 50/120 = 0.417, below Z1
    { hr: 120, zone: 0 }, // 60/120 = 0.50 → Z1
    { hr: 155, zone: 2 }, // 95/120 = 0.79 → Z3
    { hr: 156, zone: 3 }, // 96/120 = 0.80 → Z4
    { hr: 175, zone: 4 }, // 115/120 = 0.96 → Z5
    { hr: 190, zone: 4 }, // above max stays Z5
  ])('$hr bpm → zone index $zone', ({ hr, zone }) => {
    expect(zoneOf(reserveFraction(hr, 60, 180))).toBe(zone)
  })

  it('zone 4 starts at 80 % of reserve: 60 + 0.8 × 120 = 156', () => {
    expect(zone4FloorBpm(60, 180)).toBe(156)
  })

  it.each([
    { age: 40, hr: 180 }, // 208 - 0.7*40 = 180
    { age: 30, hr: 187 }, // 208 - 21 = 187
  ])('Tanaka at $age → $hr', ({ age, hr }) => {
    expect(tanakaMaxHr(age)).toBeCloseTo(hr, 6)
  })
})

describe('Compendium MET', () => {
  it.each([
    // running at 6 mph = 2.68224 m/s → code 12050, 9.8 MET
    { sport: 'running', speed: 6 * 0.44704, power: null, met: 9.8 },
    // halfway between 5 mph (8.3) and 5.2 mph (9.0) → 8.65
    { sport: 'running', speed: 5.1 * 0.44704, power: null, met: 8.65 },
    // stationary rowing at 150 W → code 02073, 8.5
    { sport: 'rowing', speed: null, power: 150, met: 8.5 },
    // strength: code 02054, 3.5
    { sport: 'strength', speed: null, power: null, met: 3.5 },
    // walking slower than the table → its first row (2.0 mph, 2.8)
    { sport: 'walking', speed: 0.5, power: null, met: 2.8 },
  ] as const)('$sport → $met MET', ({ sport, speed, power, met }) => {
    expect(metFor({ sport, speed_mps: speed, power_w: power, indoor: false })).toBeCloseTo(met, 6)
  })

  it('MET × kg × hours: 8 MET × 75 kg × 0.5 h = 300 kcal', () => {
    expect(metKcal(8, 75, 1800)).toBeCloseTo(300, 6)
  })

  it('interpolates linearly: halfway between (1, 10) and (3, 30) is 20', () => {
    expect(
      interpolate(
        [
          [1, 10],
          [3, 30],
        ],
        2,
      ),
    ).toBe(20)
  })
})
