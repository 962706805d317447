import { describe, expect, it } from 'vitest'
import { summariseHeartRate } from '../../../src/analyse/heart/heart-rate.js'

const f32 = (a: number[]): Float32Array => Float32Array.from(a)
const f64 = (a: number[]): Float64Array => Float64Array.from(a)
const REST = 60
const MAX = 190

describe('average heart rate over the timer time (REGIMEN.md, Time and heart rate)', () => {
  it.each([
    {
      name: 'steps weigh their time, the value running straight between samples',
      // (100+120)/2*10 + (120+120)/2*30 = 1100 + 3600 = 4700 over 40 s = 117.5
      hr: [100, 120, 120],
      weight: [10, 30, 0],
      gap: [0, 0, 0],
      want: 117.5,
    },
    {
      name: 'a step whose next sample has no heart rate holds its own value',
      // 120*5 (next is NaN) + nothing from the NaN sample = 600 over 5 s = 120
      hr: [120, Number.NaN, 160],
      weight: [5, 5, 0],
      gap: [0, 0, 0],
      want: 120,
    },
    {
      name: 'a paused step (weight 0) does not count',
      // (150+150)/2*10 + 0 (paused) + (90+90)/2*10 = 1500 + 900 = 2400 over 20 s = 120
      hr: [150, 150, 90, 90],
      weight: [10, 0, 10, 0],
      gap: [0, 0, 0, 0],
      want: 120,
    },
    {
      name: 'a gap the device timer counted bridges the two ends',
      // 150*10 + (150+90)/2*60 + 90*50 = 1500 + 7200 + 4500 = 13200 over 120 s = 110
      hr: [150, 150, 90, 90],
      weight: [10, 0, 50, 0],
      gap: [0, 60, 0, 0],
      want: 110,
    },
    {
      name: 'the same gap not counted (a pause) leaves it out',
      // 150*10 + 90*50 = 6000 over 60 s = 100
      hr: [150, 150, 90, 90],
      weight: [10, 0, 50, 0],
      gap: [0, 0, 0, 0],
      want: 100,
    },
  ])('$name → $want', ({ hr, weight, gap, want }) => {
    const summary = summariseHeartRate({ hr: f32(hr), weight_s: f64(weight), gap_s: f64(gap), hrRest: REST, hrMax: MAX, sex: null })
    expect(summary.hr_avg).toBeCloseTo(want, 6)
  })

  it('max and min come from the samples the timer counted, the one before a counted gap included', () => {
    // sample 1 has weight 0 but opens a counted gap; sample 3 is the end, weight 0, no gap
    const summary = summariseHeartRate({
      hr: f32([150, 170, 90, 60]),
      weight_s: f64([10, 0, 50, 0]),
      gap_s: f64([0, 60, 0, 0]),
      hrRest: REST,
      hrMax: MAX,
      sex: null,
    })
    expect(summary.hr_max).toBe(170)
    expect(summary.hr_min).toBe(90)
  })

  it('zones take the time of each step: 10 s from 145 to 155 bpm is 10 s in zone 2', () => {
    // HRR 130: (150-60)/130 = 0.69 → Z2 (60–70%); the step's value is (145+155)/2 = 150
    const summary = summariseHeartRate({ hr: f32([145, 155]), weight_s: f64([10, 0]), hrRest: REST, hrMax: MAX, sex: null })
    expect(summary.hr_zones_s).toEqual([0, 10, 0, 0, 0])
  })
})
