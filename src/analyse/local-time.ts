/** ISO 8601 in UTC with milliseconds dropped when zero: `2026-03-01T06:05:00Z`. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z')
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
