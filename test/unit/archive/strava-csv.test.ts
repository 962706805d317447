import { describe, expect, it } from 'vitest'
import { parseCsv, stravaHints } from '../../../src/archive/strava-csv.js'

describe('parseCsv', () => {
  it.each([
    {
      text: 'a,b\n1,2',
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      text: 'a,b\r\n"x, y","say ""hi"""\r\n',
      rows: [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
      ],
    },
    { text: '"two\nlines",z', rows: [['two\nlines', 'z']] },
    { text: 'a,,c', rows: [['a', '', 'c']] },
  ])('$text', ({ text, rows }) => {
    expect(parseCsv(text)).toEqual(rows)
  })
})

describe('stravaHints', () => {
  it('keys name and sport by Filename; the first of a repeated column wins; rows without a file are left out', () => {
    const csv = [
      '\uFEFFActivity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Elapsed Time',
      '1,"Jan 1, 2020",Lunch Run,Run,1800,activities/1.fit.gz,1801',
      '2,"Jan 2, 2020","Gym, legs",Workout,3600,activities/2.tcx.gz,3600',
      '3,"Jan 3, 2020",Manual entry,Run,600,,600',
    ].join('\n')
    const hints = stravaHints(csv)
    expect([...hints.keys()]).toEqual(['activities/1.fit.gz', 'activities/2.tcx.gz'])
    expect(hints.get('activities/1.fit.gz')).toEqual({ name: 'Lunch Run', sport: 'running' })
    expect(hints.get('activities/2.tcx.gz')).toEqual({ name: 'Gym, legs', sport: null })
  })
})
