/** FIT record messages → sample columns, relative to a session start. */
import type { SampleColumns } from '../../model.js'
import { SampleBuilder } from '../columns.js'
import { applyOverrides, type RecordOverrides } from './developer-overrides.js'
import type { FitRecord } from './read.js'

export interface RecordColumns {
  readonly columns: SampleColumns
  readonly droppedBackwards: number
  readonly droppedBeforeStart: number
}

/** Epoch ms of a fit-file-parser date field, or NaN. */
export function msOf(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  return Number.NaN
}

function validLatLng(lat: unknown, lng: unknown): boolean {
  return typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
}

/**
 * compressed_speed_distance packs speed (12 bits, 1/100 m/s) and an accumulating distance
 * (12 bits, 1/16 m, rolling over at 256 m) into 3 bytes (FIT profile, record message).
 * NOTE: fit/python-fitparse__compressed-speed-distance.fit (Forerunner 70) records only this.
 */
class CompressedSpeedDistance {
  private distance16 = Number.NaN

  read(bytes: readonly (number | null)[]): { speed: number; distance: number } | null {
    const [b0, b1, b2] = bytes
    if (typeof b0 !== 'number' || typeof b1 !== 'number' || typeof b2 !== 'number') return null
    if (b0 === 0xff && b1 === 0xff && b2 === 0xff) return null // invalid (null_compressed_speed_dist.fit)
    const speed = (b0 | ((b1 & 0x0f) << 8)) / 100
    const low = (b1 >> 4) | (b2 << 4)
    this.distance16 = Number.isNaN(this.distance16) ? low : this.distance16 + ((low - (this.distance16 % 4096) + 4096) % 4096)
    return { speed, distance: this.distance16 / 16 }
  }
}

export function recordColumns(records: readonly FitRecord[], startMs: number, overrides: RecordOverrides = new Map()): RecordColumns {
  const builder = new SampleBuilder(records.length)
  const compressed = new CompressedSpeedDistance()
  let droppedBackwards = 0
  let droppedBeforeStart = 0
  for (const raw of records) {
    const r = overrides.size > 0 ? applyOverrides(raw, overrides) : raw
    const ms = msOf(r.timestamp)
    if (Number.isNaN(ms)) continue
    const t = (ms - startMs) / 1000
    if (t < 0) {
      // NOTE: fit/python-fitparse__activity-large-fenxi2-multisport.fit records 45 min before
      // its first session starts (timer not yet running); they are not part of the session.
      droppedBeforeStart += 1
      continue
    }
    if (t < builder.lastTime) {
      // NOTE: fit/sports-lib__inverted-times.fit has records whose time runs backwards.
      droppedBackwards += 1
      continue
    }
    builder.addRow(t)
    builder.set('heart_rate_bpm', r.heart_rate)
    builder.set('power_w', r.power)
    builder.set('cadence_rpm', r.cadence === undefined ? undefined : r.cadence + (r.fractional_cadence ?? 0))
    builder.set('altitude_m', r.enhanced_altitude ?? r.altitude)
    if (validLatLng(r.position_lat, r.position_long)) {
      builder.set('lat_deg', r.position_lat)
      builder.set('lng_deg', r.position_long)
    }
    let speed = r.enhanced_speed ?? r.speed
    let distance = r.distance
    if (r.compressed_speed_distance !== undefined && speed === undefined && distance === undefined) {
      const unpacked = compressed.read(r.compressed_speed_distance)
      speed = unpacked?.speed
      distance = unpacked?.distance
    }
    builder.set('speed_mps', speed)
    builder.set('distance_m', distance)
  }
  return { columns: builder.build(), droppedBackwards, droppedBeforeStart }
}
