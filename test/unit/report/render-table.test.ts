import { describe, expect, it } from 'vitest'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import { alignColumns, renderTable } from '../../../src/report/render-table.js'
import { WORKED_INPUT } from '../aggregate/worked-week.js'

describe('renderTable', () => {
  const text = renderTable(aggregateWeek(WORKED_INPUT))
  const lines = text.split('\n')

  it.each([
    'Week 2026-W47  16–22 Nov 2026  (Europe/Berlin)',
    'Compliance: 4 of 5 goals met (80%)',
    'Energy     MISSED  471 kcal/day deficit of 500 over 4 logged days',
    'Mon 2026-11-16         1        40.0          520.0      2,000.0        −626.0',
    'Thu 2026-11-19         1        30.0          150.0            —             —  no log',
    // 40 + 45 + 25 + 30 + 60 + 50 + 31 = 281 min; balance −1884.7
    'Week                   7       281.0        2,030.7      7,900.0      −1,884.7  4 of 7 logged',
    'Baseline 2,106.0 kcal/day; projected change −0.245 kg',
  ])('has the line %j', (line) => {
    expect(lines).toContain(line)
  })

  it('strips control characters from names so they cannot drive the terminal', () => {
    const agg = aggregateWeek({
      ...WORKED_INPUT,
      activities: [
        {
          id: 'x',
          start_time: '2026-11-16T08:00:00Z',
          sport: 'running',
          intervals: false,
          moving_s: 60,
          distance_m: null,
          energy_kcal: 1,
          hr_zones_s: [],
          name: 'Run\u001b[2J\u0007',
        },
      ],
    })
    const out = renderTable(agg)
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/) // eslint-disable-line no-control-regex
    expect(out).toContain('Run [2J')
  })
})

describe('alignColumns', () => {
  it('pads to the widest cell, numbers to the right', () => {
    expect(
      alignColumns(
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
        ['left', 'right'],
      ),
    ).toEqual(['a      1', 'bbb  100'])
  })
})
