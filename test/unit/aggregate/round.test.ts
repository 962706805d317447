import { describe, expect, it } from 'vitest'
import { roundTo } from '../../../src/aggregate/round.js'

describe('roundTo', () => {
  it.each([
    { value: 471.175, decimals: 1, result: 471.2 },
    { value: -471.175, decimals: 1, result: -471.2 }, // half away from zero, symmetric
    { value: 1.005, decimals: 2, result: 1.01 }, // 1.005 × 100 = 100.49999… in binary
    { value: -0.04, decimals: 1, result: 0 }, // never −0 in JSON
    { value: -0.24476, decimals: 3, result: -0.245 },
    { value: 1899.5, decimals: 0, result: 1900 },
    { value: 2 / 3, decimals: 3, result: 0.667 },
  ])('$value to $decimals places → $result', ({ value, decimals, result }) => {
    expect(Object.is(roundTo(value, decimals), result)).toBe(true)
  })
})
