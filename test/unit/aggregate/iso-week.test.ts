import { describe, expect, it } from 'vitest'
import {
  addWeeks,
  isIsoWeek,
  isoWeekOfDate,
  isoWeekOfInstant,
  isValidTimeZone,
  localDateOf,
  parseIsoWeek,
  weekBounds,
  weekDates,
  weeksBetween,
  weeksInYear,
} from '../../../src/aggregate/iso-week.js'

const HOUR_MS = 3_600_000

describe('parseIsoWeek', () => {
  it.each([
    { text: '2026-W47', year: 2026, week: 47 },
    { text: '2026-W01', year: 2026, week: 1 },
    { text: '2020-W53', year: 2020, week: 53 }, // 2020 began on a Wednesday and was a leap year
    { text: '2026-W53', year: 2026, week: 53 }, // 2026 begins on a Thursday
  ])('$text → $year week $week', ({ text, year, week }) => {
    expect(parseIsoWeek(text)).toEqual({ year, week })
  })

  it.each(['2021-W53', '2025-W53', '2026-W00', '2026-W54', '2026-w47', '2026W47', '26-W47', '2026-W7', ' 2026-W47', '0000-W01'])(
    'rejects %j',
    (text) => {
      expect(isIsoWeek(text)).toBe(false)
      expect(() => parseIsoWeek(text)).toThrow(expect.objectContaining({ code: 'bad_request' }))
    },
  )

  it.each([
    { year: 2015, weeks: 53 }, // starts on a Thursday
    { year: 2020, weeks: 53 }, // leap year starting on a Wednesday
    { year: 2021, weeks: 52 },
    { year: 2024, weeks: 52 }, // leap year starting on a Monday
    { year: 2026, weeks: 53 },
    { year: 2032, weeks: 53 }, // leap year starting on a Thursday
  ])('$year has $weeks weeks', ({ year, weeks }) => {
    expect(weeksInYear(year)).toBe(weeks)
  })
})

describe('weekDates', () => {
  it.each([
    // 1 Jan 2026 is a Thursday, so week 1 starts on the Monday before it
    { week: '2026-W01', from: '2025-12-29', to: '2026-01-04' },
    { week: '2026-W47', from: '2026-11-16', to: '2026-11-22' },
    { week: '2020-W53', from: '2020-12-28', to: '2021-01-03' },
    { week: '2021-W01', from: '2021-01-04', to: '2021-01-10' },
    // 2024 is a leap year: the week holds 29 February
    { week: '2024-W09', from: '2024-02-26', to: '2024-03-03' },
  ])('$week runs $from … $to', ({ week, from, to }) => {
    const dates = weekDates(week)
    expect(dates).toHaveLength(7)
    expect([dates[0], dates[6]]).toEqual([from, to])
  })

  it('lists consecutive days across a month end', () => {
    expect(weekDates('2024-W09')).toEqual([
      '2024-02-26',
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
      '2024-03-03',
    ])
  })
})

describe('isoWeekOfDate', () => {
  it.each([
    { date: '2025-12-29', week: '2026-W01' },
    { date: '2026-01-04', week: '2026-W01' },
    { date: '2021-01-03', week: '2020-W53' }, // a January Sunday in last year's week 53
    { date: '2027-01-01', week: '2026-W53' },
    { date: '2027-01-04', week: '2027-W01' },
    { date: '2026-11-22', week: '2026-W47' },
  ])('$date is in $week', ({ date, week }) => {
    expect(isoWeekOfDate(date)).toBe(week)
  })

  it.each(['2026-02-30', '2026-13-01', '26-01-01', 'today'])('rejects %j', (date) => {
    expect(() => isoWeekOfDate(date)).toThrow(/calendar date/)
  })
})

describe('the week of an instant in a zone', () => {
  it.each([
    // Sunday 23:30 in New York (UTC−5) is Monday 04:30 UTC: still the Sunday's week locally
    { instant: '2026-11-23T04:30:00Z', zone: 'America/New_York', date: '2026-11-22', week: '2026-W47' },
    { instant: '2026-11-23T04:30:00Z', zone: 'UTC', date: '2026-11-23', week: '2026-W48' },
    // Monday 00:30 in Berlin (UTC+1) is Sunday 23:30 UTC: already the next week locally
    { instant: '2026-11-22T23:30:00Z', zone: 'Europe/Berlin', date: '2026-11-23', week: '2026-W48' },
    { instant: '2026-11-22T23:30:00Z', zone: 'UTC', date: '2026-11-22', week: '2026-W47' },
    // Sunday 23:30 in Berlin is 22:30 UTC the same day
    { instant: '2026-11-22T22:30:00Z', zone: 'Europe/Berlin', date: '2026-11-22', week: '2026-W47' },
    // Kiritimati is UTC+14: 2026-12-31T10:00Z is already 1 January there, still 2026-W53
    { instant: '2026-12-31T10:00:00Z', zone: 'Pacific/Kiritimati', date: '2027-01-01', week: '2026-W53' },
    // epoch ms work too: 1 779 494 400 000 = 2026-05-23T00:00:00Z, a Saturday
    { instant: 1_779_494_400_000, zone: 'America/Los_Angeles', date: '2026-05-22', week: '2026-W21' },
  ])('$instant in $zone → $date, $week', ({ instant, zone, date, week }) => {
    expect(localDateOf(instant, zone)).toBe(date)
    expect(isoWeekOfInstant(instant, zone)).toBe(week)
  })
})

describe('weekBounds', () => {
  it.each([
    // Berlin leaves summer time on the last Sunday of October (2025-10-26): 7 × 24 + 1 = 169 h
    { week: '2025-W43', zone: 'Europe/Berlin', start: '2025-10-19T22:00:00.000Z', end: '2025-10-26T23:00:00.000Z', hours: 169 },
    // New York starts DST on the second Sunday of March (2026-03-08): 7 × 24 − 1 = 167 h
    { week: '2026-W10', zone: 'America/New_York', start: '2026-03-02T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z', hours: 167 },
    // Berlin enters summer time on 2026-03-29: 167 h
    { week: '2026-W13', zone: 'Europe/Berlin', start: '2026-03-22T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z', hours: 167 },
    { week: '2026-W47', zone: 'Europe/Berlin', start: '2026-11-15T23:00:00.000Z', end: '2026-11-22T23:00:00.000Z', hours: 168 },
    { week: '2026-W01', zone: 'UTC', start: '2025-12-29T00:00:00.000Z', end: '2026-01-05T00:00:00.000Z', hours: 168 },
    // Kolkata is UTC+5:30, no DST
    { week: '2026-W47', zone: 'Asia/Kolkata', start: '2026-11-15T18:30:00.000Z', end: '2026-11-22T18:30:00.000Z', hours: 168 },
    // Santiago skipped midnight on 2022-09-11 (00:00 → 01:00, −4 → −3): Sunday is 23 h long and
    // the week ends at the next Monday's midnight at −3; 2022-W36 runs Mon 09-05 … Sun 09-11
    { week: '2022-W36', zone: 'America/Santiago', start: '2022-09-05T04:00:00.000Z', end: '2022-09-12T03:00:00.000Z', hours: 167 },
  ])('$week in $zone: $hours h', ({ week, zone, start, end, hours }) => {
    const b = weekBounds(week, zone)
    expect([b.start, b.end]).toEqual([start, end])
    expect((b.end_ms - b.start_ms) / HOUR_MS).toBe(hours)
  })

  it('starts a day at the jump when local midnight does not exist (Santiago, 2022-09-11)', () => {
    // 2022-W37 starts Mon 2022-09-12 (−3): 03:00Z; 2022-W36's Sunday began at the jump, 04:00Z
    expect(weekBounds('2022-W37', 'America/Santiago').start).toBe('2022-09-12T03:00:00.000Z')
  })
})

describe('weeksBetween and addWeeks', () => {
  it.each([
    { from: '2020-W52', to: '2021-W02', weeks: ['2020-W52', '2020-W53', '2021-W01', '2021-W02'] },
    { from: '2026-W47', to: '2026-W47', weeks: ['2026-W47'] },
    { from: '2026-W48', to: '2026-W47', weeks: [] },
    { from: '2026-W52', to: '2027-W01', weeks: ['2026-W52', '2026-W53', '2027-W01'] },
  ])('$from … $to', ({ from, to, weeks }) => {
    expect(weeksBetween(from, to)).toEqual(weeks)
  })

  it.each([
    { week: '2020-W53', count: 1, result: '2021-W01' },
    { week: '2021-W01', count: -1, result: '2020-W53' },
    { week: '2026-W47', count: 0, result: '2026-W47' },
    { week: '2026-W01', count: 52, result: '2026-W53' },
  ])('$week + $count = $result', ({ week, count, result }) => {
    expect(addWeeks(week, count)).toBe(result)
  })
})

describe('isValidTimeZone', () => {
  it.each([
    { zone: 'Europe/Berlin', valid: true },
    { zone: 'America/New_York', valid: true },
    { zone: 'UTC', valid: true },
    { zone: 'Mars/Olympus', valid: false },
    { zone: '', valid: false }, // Intl would quietly use the host's zone
    { zone: '   ', valid: false },
    { zone: 'Europe/Berlin; DROP TABLE', valid: false },
  ])('$zone → $valid', ({ zone, valid }) => {
    expect(isValidTimeZone(zone)).toBe(valid)
  })

  it('rejects an unknown zone with bad_request', () => {
    expect(() => localDateOf(0, 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'bad_request' }))
  })
})
