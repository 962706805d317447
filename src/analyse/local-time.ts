import { zoneOffsetMs } from '../aggregate/local-time.js'

/** ISO 8601 in UTC with milliseconds dropped when zero: `2026-03-01T06:05:00Z`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
}

/**
 * When the session started on the wall clock, with its offset. The file's own offset wins (the
 * device's clock); a file without one (GPX and TCX times are UTC) is shown in the profile's zone,
 * and `local_time_zone` names it so nobody takes it for the device's.
 */
export function localStart(
  ms: number,
  fileOffsetS: number | null,
  profileZone: string,
): { local_start_time: string | null; local_time_zone: string | null } {
  const own = isoWithOffset(ms, fileOffsetS)
  if (own !== null) return { local_start_time: own, local_time_zone: null }
  return { local_start_time: isoWithOffset(ms, zoneOffsetMs(ms, profileZone) / 1000), local_time_zone: profileZone }
}

/**
 * The wall-clock time the device showed, with its offset: `2026-03-01T07:05:00+01:00`
 * (CONTRACT.md, local_start_time). Null when the file does not give the offset.
 */
export function isoWithOffset(ms: number, offsetS: number | null): string | null {
  if (offsetS === null || !Number.isFinite(offsetS)) return null
  const local = new Date(ms + offsetS * 1000).toISOString().slice(0, 19)
  const sign = offsetS < 0 ? '-' : '+'
  const minutes = Math.round(Math.abs(offsetS) / 60)
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
  const mm = String(minutes % 60).padStart(2, '0')
  return `${local}${sign}${hh}:${mm}`
}
