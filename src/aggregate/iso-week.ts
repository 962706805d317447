/**
 * ISO 8601 weeks ('2026-W47'), Monday to Sunday, placed in the user's IANA zone.
 * REGIMEN.md: "A week is an ISO week (Monday to Sunday) in the user's own IANA time zone".
 */
import { FitledgerError } from '../errors.js'
import { dateOfEpochDay, epochDayOf, epochDayOfYmd, isoWeekday } from './calendar-date.js'
import { localDateOf, startOfLocalDay } from './local-time.js'

export { isValidTimeZone, localDateOf } from './local-time.js'

export interface IsoWeek {
  readonly year: number // the ISO week-numbering year, which can differ from the calendar year
  readonly week: number // 1..52, or 53 in a long year
}

/** A week as UTC instants: `start_ms` inclusive, `end_ms` exclusive. */
export interface WeekBounds {
  readonly start_ms: number
  readonly end_ms: number
  readonly start: string // ISO 8601 UTC
  readonly end: string
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/

/** Epoch day of the Monday of week 1: the week that holds 4 January (ISO 8601). */
function week1Monday(year: number): number {
  const jan4 = epochDayOfYmd(year, 1, 4)
  return jan4 - (isoWeekday(jan4) - 1)
}

/** 53 when the year starts on a Thursday, or on a Wednesday in a leap year; else 52. */
export function weeksInYear(year: number): 52 | 53 {
  return isoWeekOfEpochDay(epochDayOfYmd(year, 12, 28)).week === 53 ? 53 : 52
}

function isoWeekOfEpochDay(epochDay: number): IsoWeek {
  const thursday = epochDay + (4 - isoWeekday(epochDay)) // its week's Thursday names the year
  const year = Number(dateOfEpochDay(thursday).slice(0, 4))
  return { year, week: Math.floor((thursday - epochDayOfYmd(year, 1, 1)) / 7) + 1 }
}

/** Parses '2026-W47'; throws `bad_request` for a malformed week or one the year lacks (2021-W53). */
export function parseIsoWeek(text: string): IsoWeek {
  const m = WEEK_RE.exec(text)
  if (m === null) throw new FitledgerError('bad_request', `"${text}" is not an ISO week like 2026-W47`)
  const year = Number(m[1])
  const week = Number(m[2])
  if (year < 1 || week < 1 || week > weeksInYear(year)) {
    throw new FitledgerError('bad_request', `${text} does not exist: ${year} has ${weeksInYear(year)} ISO weeks`)
  }
  return { year, week }
}

export function isIsoWeek(text: string): boolean {
  try {
    parseIsoWeek(text)
    return true
  } catch {
    return false
  }
}

export function formatIsoWeek(w: IsoWeek): string {
  return `${String(w.year).padStart(4, '0')}-W${String(w.week).padStart(2, '0')}`
}

/** The ISO week of a calendar date 'YYYY-MM-DD'. */
export function isoWeekOfDate(date: string): string {
  return formatIsoWeek(isoWeekOfEpochDay(epochDayOf(date)))
}

/** The ISO week an instant falls in, on the wall clock of `timeZone`. */
export function isoWeekOfInstant(instant: number | string, timeZone: string): string {
  return isoWeekOfDate(localDateOf(instant, timeZone))
}

function mondayOf(week: string): number {
  const w = parseIsoWeek(week)
  return week1Monday(w.year) + 7 * (w.week - 1)
}

/** The seven local dates of a week, Monday first. */
export function weekDates(week: string): string[] {
  const monday = mondayOf(week)
  return Array.from({ length: 7 }, (_, i) => dateOfEpochDay(monday + i))
}

/**
 * The UTC span of a local week: from the start of its Monday to the start of the next Monday.
 * Not 7 × 24 h: a week that holds a DST change lasts 167 or 169 hours.
 */
export function weekBounds(week: string, timeZone: string): WeekBounds {
  const monday = mondayOf(week)
  const start_ms = startOfLocalDay(dateOfEpochDay(monday), timeZone)
  const end_ms = startOfLocalDay(dateOfEpochDay(monday + 7), timeZone)
  return { start_ms, end_ms, start: new Date(start_ms).toISOString(), end: new Date(end_ms).toISOString() }
}

/** The week after (or, with a negative count, before) a week. */
export function addWeeks(week: string, count: number): string {
  return formatIsoWeek(isoWeekOfEpochDay(mondayOf(week) + 7 * count))
}

/** Every week from `from` to `to`, both included; empty when `to` comes first. */
export function weeksBetween(from: string, to: string): string[] {
  const first = mondayOf(from)
  const last = mondayOf(to)
  const weeks: string[] = []
  for (let monday = first; monday <= last; monday += 7) weeks.push(formatIsoWeek(isoWeekOfEpochDay(monday)))
  return weeks
}
