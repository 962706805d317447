import { describe, expect, it } from 'vitest'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import { renderJson } from '../../../src/report/render-json.js'
import { WORKED_INPUT } from '../aggregate/worked-week.js'

describe('renderJson', () => {
  const agg = aggregateWeek(WORKED_INPUT)

  it('round-trips the aggregate, nulls included', () => {
    const noLog = aggregateWeek({ ...WORKED_INPUT, intake: [] })
    expect(JSON.parse(renderJson(agg))).toEqual(agg)
    expect(JSON.parse(renderJson(noLog, { pretty: false })).energy.balance_kcal).toBeNull()
  })

  it('writes pretty JSON by default and one line when asked', () => {
    expect(renderJson(agg).startsWith('{\n  "week": "2026-W47",\n  "time_zone": "Europe/Berlin",')).toBe(true)
    expect(renderJson(agg, { pretty: false }).split('\n')).toHaveLength(2) // one line + final newline
  })
})
