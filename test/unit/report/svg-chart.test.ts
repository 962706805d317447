import { describe, expect, it } from 'vitest'
import { linearScale, niceStep, niceTicks } from '../../../src/report/svg-chart.js'

describe('axis ticks', () => {
  it.each([
    { span: 60, step: 20 }, // 60 / 4 = 15 → next of 1, 2, 5 × 10 is 20
    { span: 100, step: 50 }, // 25 → 50
    { span: 8, step: 2 },
    { span: 0, step: 1 },
  ])('niceStep($span) = $step', ({ span, step }) => {
    expect(niceStep(span)).toBe(step)
  })

  it.each([
    { min: 0, max: 60, ticks: [0, 20, 40, 60] },
    // −650 … 0: span 650 / 4 = 162.5 → 200
    { min: -650, max: 0, ticks: [-800, -600, -400, -200, 0] },
    { min: -300, max: 250, ticks: [-400, -200, 0, 200, 400] },
  ])('niceTicks($min, $max)', ({ min, max, ticks }) => {
    expect(niceTicks(min, max)).toEqual(ticks)
  })

  it('maps a domain onto a range, flipped for SVG y', () => {
    const y = linearScale(0, 60, 220, 20)
    expect([y(0), y(30), y(60)]).toEqual([220, 120, 20])
  })
})
