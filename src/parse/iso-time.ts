/** Timestamps from XML text, with a plausibility window. */

/**
 * Earliest and latest times taken as real. NOTE: gpx/gpxpy__Mojstrovka.gpx stamps every point
 * 1901-12-13T20:45:52Z (INT32_MIN seconds, a placeholder) and tcx/rowingdata__painsled.tcx has
 * a lap StartTime in the year 52870; both mean "no time".
 */
export const MIN_PLAUSIBLE_MS = Date.UTC(1980, 0, 1)
export const MAX_PLAUSIBLE_MS = Date.UTC(2100, 0, 1)

/**
 * xsd:dateTime as GPX and TCX write it: a date, a time with optional fraction, and an optional
 * zone (`Z`, `±hh:mm`, `±hhmm`, `±hh`). Date.parse is not used: it reads a time without a zone
 * in the host's zone, so one file would start at a different instant on each server.
 */
const ISO_DATE_TIME =
  /^([+-]\d{6}|\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?\s*(?:(Z)|([+-])(\d\d)(?::?(\d\d))?)?$/i

/**
 * Epoch milliseconds, or NaN when the text is not a plausible ISO 8601 time. A time without a
 * zone is UTC: GPX 1.1 says its times are "in Universal Coordinated Time (UTC), not local
 * time", and TCX's are the same. NOTE: gpx/gpxpy__gpx1.1_with_all_fields.gpx has times without a Z.
 */
export function parseIsoTime(text: string | null | undefined): number {
  if (text === null || text === undefined) return Number.NaN
  const m = ISO_DATE_TIME.exec(text.trim())
  if (m === null) return Number.NaN
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)))
  // Date.UTC would roll 31 February into March and read the year 85 as 1985.
  const date = new Date(Date.UTC(year!, month! - 1, day!))
  if (year! < 1000 || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day || hour > 24 || minute > 59 || second > 60)
    return Number.NaN
  const fractionMs = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000) // whole ms, as Date.parse
  const offsetMin = m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0))
  const ms = date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs - offsetMin * 60_000
  return ms >= MIN_PLAUSIBLE_MS && ms < MAX_PLAUSIBLE_MS ? ms : Number.NaN
}
