import type { SampleColumns } from '../model.js'

/** Strava's stream types (key_by_type=true) and the column each one comes from. */
export const STREAM_KEYS = ['time', 'heartrate', 'distance', 'velocity_smooth', 'cadence', 'watts', 'latlng', 'altitude'] as const
export type StreamKey = (typeof STREAM_KEYS)[number]

const SOURCE: Record<Exclude<StreamKey, 'latlng'>, keyof SampleColumns> = {
  time: 'time_s',
  heartrate: 'heart_rate_bpm',
  distance: 'distance_m',
  velocity_smooth: 'speed_mps',
  cadence: 'cadence_rpm',
  watts: 'power_w',
  altitude: 'altitude_m',
}

// JSON has no NaN: a gap in a channel is null.
const value = (x: number | undefined, digits: number): number | null =>
  x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits))

/** `{heartrate: {data, series_type, original_size, resolution}, …}`; a key the activity lacks is left out. */
export function streamsJson(columns: SampleColumns, keys: readonly StreamKey[]) {
  const size = columns.time_s.length
  const stream = (data: unknown[]) => ({ data, series_type: 'time', original_size: size, resolution: 'high' })
  const out: Record<string, ReturnType<typeof stream>> = {}
  for (const key of keys) {
    if (key === 'latlng') {
      const { lat_deg: lat, lng_deg: lng } = columns
      if (lat && lng)
        out.latlng = stream(
          Array.from(lat, (la, i) => (Number.isNaN(la) || Number.isNaN(lng[i] ?? NaN) ? null : [value(la, 7), value(lng[i], 7)])),
        )
      continue
    }
    const column = columns[SOURCE[key]]
    if (column) out[key] = stream(Array.from(column, (x) => value(x, key === 'time' ? 3 : 2)))
  }
  return out
}
