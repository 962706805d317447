import { describe, expect, it } from 'vitest'
import { SampleBuilder } from '../../../src/parse/columns.js'
import { cumulativeDistanceM } from '../../../src/parse/geo.js'

describe('SampleBuilder', () => {
  it('keeps columns equal in length, NaN for gaps, null for channels never set', () => {
    const b = new SampleBuilder(1) // grows past its first capacity
    b.addRow(0)
    b.set('heart_rate_bpm', 100)
    b.addRow(1)
    b.set('heart_rate_bpm', Number.NaN) // a non-finite value is a gap
    b.addRow(2)
    b.set('heart_rate_bpm', 102)
    b.set('distance_m', 12.5)
    const c = b.build()
    expect(Array.from(c.time_s)).toEqual([0, 1, 2])
    expect(Array.from(c.heart_rate_bpm ?? [])).toEqual([100, Number.NaN, 102])
    expect(Array.from(c.distance_m ?? [])).toEqual([Number.NaN, Number.NaN, 12.5])
    expect(c.power_w).toBeNull()
    expect(c.distance_m).toBeInstanceOf(Float64Array)
    expect(c.heart_rate_bpm).toBeInstanceOf(Float32Array)
  })
})

describe('cumulativeDistanceM', () => {
  it('adds great-circle steps and carries the total over rows without a position', () => {
    // 0.01° of latitude on a 6 371 008.8 m sphere = 6 371 008.8 × π / 18 000 = 1111.95 m
    const lat = Float64Array.from([0, 0.01, Number.NaN, 0.02])
    const lng = Float64Array.from([0, 0, Number.NaN, 0])
    const d = cumulativeDistanceM(lat, lng)
    expect(d[0]).toBe(0)
    expect(d[1]).toBeCloseTo(1111.95, 2)
    expect(d[2]).toBeCloseTo(1111.95, 2)
    expect(d[3]).toBeCloseTo(2223.9, 1)
  })
})
