/**
 * Calendar dates ('YYYY-MM-DD') as whole days since 1970-01-01, with no time zone at all.
 * Zone-free day arithmetic keeps ISO-week maths exact: a local date is a label, not an instant.
 */
import { FitledgerError } from '../errors.js'

export const DAY_MS = 86_400_000

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01 of a proleptic Gregorian date (setUTCFullYear avoids Date.UTC's 19xx quirk). */
export function epochDayOfYmd(year: number, month: number, day: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  return Math.floor(d.getTime() / DAY_MS)
}

/** True for a real calendar date written as 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const m = DATE_RE.exec(text)
  if (m === null) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (month < 1 || month > 12 || day < 1 || day > 31) return false
  return dateOfEpochDay(epochDayOfYmd(year, month, day)) === text
}

/** Days since 1970-01-01 of 'YYYY-MM-DD'; throws `bad_request` for anything else. */
export function epochDayOf(date: string): number {
  if (!isCalendarDate(date)) {
    throw new FitledgerError('bad_request', `"${date}" is not a calendar date (YYYY-MM-DD)`)
  }
  return epochDayOfYmd(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)))
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfEpochDay(epochDay: number): string {
  const d = new Date(epochDay * DAY_MS)
  const yyyy = String(d.getUTCFullYear()).padStart(4, '0')
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0')
  const dd = String(d.getUTCDate()).padStart(2, '0')
  return `${yyyy}-${mm}-${dd}`
}

/** ISO weekday: Monday = 1 … Sunday = 7. Day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1
}

/** Adds whole days to a date. */
export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDayOf(date) + days)
}
