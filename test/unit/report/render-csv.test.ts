import { describe, expect, it } from 'vitest'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import { csvCell } from '../../../src/report/csv-cell.js'
import { renderCsv, renderSessionsCsv } from '../../../src/report/render-csv.js'
import { WORKED_INPUT } from '../aggregate/worked-week.js'

describe('csvCell', () => {
  it.each([
    { value: 'Easy run', cell: 'Easy run' },
    { value: 'a,b', cell: '"a,b"' },
    { value: 'say "hi"', cell: '"say ""hi"""' },
    { value: 'two\nlines', cell: '"two\nlines"' },
    { value: '=1+1', cell: "'=1+1" }, // would be a formula
    { value: '+49 30 1234', cell: "'+49 30 1234" },
    { value: '-cmd', cell: "'-cmd" },
    { value: '@SUM(A1)', cell: "'@SUM(A1)" },
    { value: '\t=1', cell: "'\t=1" },
    { value: '=HYPERLINK("x")', cell: `"'=HYPERLINK(""x"")"` }, // guarded, then quoted
    { value: 'a=b', cell: 'a=b' }, // only a leading sign matters
    { value: -626, cell: '-626' }, // numbers stay numbers
    { value: 250.5, cell: '250.5' },
    { value: Number.NaN, cell: '' },
    { value: null, cell: '' },
    { value: true, cell: 'true' },
  ])('$value → $cell', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell)
  })
})

describe('renderCsv', () => {
  const csv = renderCsv(aggregateWeek(WORKED_INPUT))
  const lines = csv.split('\r\n')

  it('writes a header and one CRLF row per day', () => {
    expect(lines).toHaveLength(9) // header + 7 days + '' after the final CRLF
    expect(lines[0]).toBe(
      'week,date,weekday,sessions,moving_min,exercise_kcal,intake_kcal,baseline_kcal,balance_kcal,low_intake,water_ml,protein_g,activities',
    )
    expect(lines[8]).toBe('')
  })

  it.each([
    // Mon: 2000 − (2106 + 520) = −626
    { day: 1, row: '2026-W47,2026-11-16,Mon,1,40,520,2000,2106,-626,false,2000,120,Easy run' },
    // a formula in a name is defused and quoted
    { day: 3, row: `2026-W47,2026-11-18,Wed,1,25,310.2,1800,2106,-616.2,false,,,"'=HYPERLINK(""http://evil"")"` },
    // not logged: empty cells, not zeros; markup is just text in a CSV
    { day: 4, row: '2026-W47,2026-11-19,Thu,1,30,150,,,,,,,<script>alert(1)</script>' },
    { day: 5, row: '2026-W47,2026-11-20,Fri,1,60,120,,,,,,,"Yoga & ""stretch"", <b>"' },
    // a session with no name is named by its sport
    { day: 6, row: '2026-W47,2026-11-21,Sat,1,50,280,2200,2106,-186,false,2200,,strength' },
  ])('day $day', ({ day, row }) => {
    expect(lines[day]).toBe(row)
  })

  it('writes one row per session in renderSessionsCsv', () => {
    const rows = renderSessionsCsv(aggregateWeek(WORKED_INPUT)).split('\r\n')
    expect(rows).toHaveLength(9) // header + 7 sessions + ''
    expect(rows[1]).toBe('run-mon,2026-11-16,07:00,2026-11-16T06:00:00Z,running,Easy run,40,8000,520,false,true')
    expect(rows[6]).toBe('str-sat,2026-11-21,10:00,2026-11-21T09:00:00Z,strength,,50,,280,false,false')
  })
})
