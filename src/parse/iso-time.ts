/** Timestamps from XML text, with a plausibility window. */

/**
 * Earliest and latest times taken as real. NOTE: gpx/gpxpy__Mojstrovka.gpx stamps every point
 * 1901-12-13T20:45:52Z (INT32_MIN seconds, a placeholder) and tcx/rowingdata__painsled.tcx has
 * a lap StartTime in the year 52870; both mean "no time".
 */
export const MIN_PLAUSIBLE_MS = Date.UTC(1980, 0, 1)
export const MAX_PLAUSIBLE_MS = Date.UTC(2100, 0, 1)

/** Epoch milliseconds, or NaN when the text is not a plausible ISO 8601 time. */
export function parseIsoTime(text: string | null | undefined): number {
  if (text === null || text === undefined) return Number.NaN
  const ms = Date.parse(text.trim())
  return ms >= MIN_PLAUSIBLE_MS && ms < MAX_PLAUSIBLE_MS ? ms : Number.NaN
}
