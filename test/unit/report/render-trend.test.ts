import { describe, expect, it } from 'vitest'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import { renderTrend, trendPoints } from '../../../src/report/render-trend.js'
import { WORKED_INPUT } from '../aggregate/worked-week.js'

// W46 has no session and no log (score null, balance null); W47 is the worked week.
const aggs = [aggregateWeek({ ...WORKED_INPUT, week: '2026-W46', activities: [], intake: [] }), aggregateWeek(WORKED_INPUT)]

describe('renderTrend', () => {
  it('gives compact points per week', () => {
    expect(trendPoints(aggs)).toEqual([
      // no session: cardio, intervals, strength missed (0/3); energy and fluids unknown
      {
        week: '2026-W46',
        from: '2026-11-09',
        to: '2026-11-15',
        score: 0,
        goals_met: 0,
        goals_total: 3,
        balance_kcal: null,
        logged_days: 0,
        projected_weight_change_kg: null,
      },
      {
        week: '2026-W47',
        from: '2026-11-16',
        to: '2026-11-22',
        score: 0.8,
        goals_met: 4,
        goals_total: 5,
        balance_kcal: -1884.7,
        logged_days: 4,
        projected_weight_change_kg: -0.245,
      },
    ])
  })

  it('writes JSON as an array of the weekly reports', () => {
    const parsed = JSON.parse(renderTrend(aggs)) as unknown[]
    expect(parsed).toEqual(aggs)
    expect(JSON.parse(renderTrend([]))).toEqual([])
  })

  it('draws a score chart and a balance chart, without script', () => {
    const html = renderTrend(aggs, 'html', { subtitle: '<i>me</i>' })
    expect((html.match(/<svg /g) ?? []).length).toBe(2)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&lt;i&gt;me&lt;/i&gt;')
    expect(html).toContain('<h1>Trend 2026-W46 – 2026-W47</h1>')
    // mean of 0 and 0.8 = 40%; projected −0.245 kg → −0.25 (2 places)
    expect(html).toContain('2 weeks · average score 40% · projected change over logged days −0.25 kg')
    expect(html).toContain('2026-W46 no log, 2026-W47 −1,885 kcal')
  })

  it('renders an empty run without failing', () => {
    const html = renderTrend([], 'html')
    expect(html).toContain('No weeks')
    expect((html.match(/<svg /g) ?? []).length).toBe(2)
  })
})
