/**
 * Wall-clock time in an IANA zone with Intl alone (no tz library): the offset of a zone at an
 * instant, the local date of an instant, and the first instant of a local day. REGIMEN.md: a
 * session belongs to the day of its start time in the profile's zone, whatever the device said.
 */
import { FitledgerError } from '../errors.js'
import { DAY_MS, dateOfEpochDay, epochDayOf, epochDayOfYmd } from './calendar-date.js'

/** Formatters are costly to build; one per zone, kept for the life of the process. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23', // 'hour12: false' prints midnight as 24 on some ICU versions
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch (err) {
      throw new FitledgerError('bad_request', `"${timeZone}" is not an IANA time zone`, { cause: err })
    }
    formatters.set(timeZone, f)
  }
  return f
}

/** Intl throws RangeError for a zone it does not know; '' would silently mean the host zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch (err) {
    if (err instanceof RangeError) return false
    throw err
  }
}

interface WallClock {
  readonly epochDay: number
  readonly secondOfDay: number
}

function wallClock(utcMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value)
  }
  const epochDay = epochDayOfYmd(fields.year ?? NaN, fields.month ?? NaN, fields.day ?? NaN)
  const secondOfDay = (fields.hour ?? 0) * 3600 + (fields.minute ?? 0) * 60 + (fields.second ?? 0)
  return { epochDay, secondOfDay }
}

/** Milliseconds to add to UTC to get the zone's wall clock (Berlin in summer: +7 200 000). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000
  const wall = wallClock(whole, timeZone)
  return wall.epochDay * DAY_MS + wall.secondOfDay * 1000 - whole
}

/** `Z` or `±hh:mm` at the end: without one, Date.parse would read the host's zone. */
const ZONE_DESIGNATOR = /(?:Z|[+-]\d\d(?::?\d\d)?)$/i

/** Accepts epoch ms or an ISO 8601 string with a zone designator. */
export function toUtcMs(instant: number | string): number {
  // eslint-disable-next-line no-restricted-properties -- only ever given a time with its zone
  const ms = typeof instant === 'number' ? instant : ZONE_DESIGNATOR.test(instant.trim()) ? Date.parse(instant) : Number.NaN
  if (!Number.isFinite(ms)) throw new FitledgerError('bad_request', `"${String(instant)}" is not an instant`)
  return ms
}

/** The local date 'YYYY-MM-DD' of an instant in a zone. */
export function localDateOf(instant: number | string, timeZone: string): string {
  return dateOfEpochDay(wallClock(toUtcMs(instant), timeZone).epochDay)
}

/** The local wall-clock time 'HH:MM' of an instant in a zone. */
export function localTimeOf(instant: number | string, timeZone: string): string {
  const s = wallClock(toUtcMs(instant), timeZone).secondOfDay
  const hh = String(Math.floor(s / 3600)).padStart(2, '0')
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0')
  return `${hh}:${mm}`
}

/**
 * The first UTC instant (ms) whose local date is `date`. Usually local midnight; when midnight
 * is repeated (clocks go back at 00:00) the first one; when it is skipped (clocks jump at 00:00,
 * as America/Santiago does) the instant of the jump.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  const wall = epochDayOf(date) * DAY_MS
  // Offsets a day either side bracket any single transition near midnight.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone)
  const after = zoneOffsetMs(wall + DAY_MS, timeZone)
  const exact = [wall - before, wall - after].filter((t) => t + zoneOffsetMs(t, timeZone) === wall)
  if (exact.length > 0) return Math.min(...exact)
  // Midnight does not exist: search the gap, to the second, for the first instant past it.
  let lo = Math.floor((wall - after) / 1000) // maps to a wall time before midnight
  let hi = Math.ceil((wall - before) / 1000) // maps to a wall time after it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (mid * 1000 + zoneOffsetMs(mid * 1000, timeZone) >= wall) hi = mid
    else lo = mid
  }
  return hi * 1000
}
