import { describe, expect, it } from 'vitest'
import { scoreCompliance } from '../../../src/aggregate/compliance.js'

describe('scoreCompliance', () => {
  it.each([
    { statuses: [true, true, true, false, true], met: 4, total: 5, score: 0.8 },
    { statuses: [true, true, true, null, null], met: 3, total: 3, score: 1 }, // unknown goals are not counted
    { statuses: [true, false, false, null, false], met: 1, total: 4, score: 0.25 },
    { statuses: [true, false, false], met: 1, total: 3, score: 0.333 }, // 1/3 to 0.001
    { statuses: [false, false], met: 0, total: 2, score: 0 },
    { statuses: [null, null], met: 0, total: 0, score: null }, // nothing to judge
  ])('$statuses → $met / $total = $score', ({ statuses, met, total, score }) => {
    expect(scoreCompliance(statuses)).toEqual({ goals_met: met, goals_total: total, score })
  })
})
