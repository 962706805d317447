import type { ParsedActivity, SampleColumns } from '../../../src/model.js'
import { NO_TOTALS } from '../../../src/parse/totals.js'

type Columns = Partial<Record<Exclude<keyof SampleColumns, 'time_s'>, number[]>> & { time_s: number[] }

const f32 = (a: number[] | undefined): Float32Array | null => (a === undefined ? null : Float32Array.from(a))
const f64 = (a: number[] | undefined): Float64Array | null => (a === undefined ? null : Float64Array.from(a))

/** A small ParsedActivity for table tests: arrays in, typed columns out, empty totals. */
export function makeActivity(columns: Columns, rest: Partial<ParsedActivity> = {}): ParsedActivity {
  return {
    format: 'fit',
    compressed: false,
    declared_sport: null,
    declared_sub_sport: null,
    start_ms: Date.UTC(2026, 2, 1, 6, 5, 0),
    utc_offset_s: null,
    name: null,
    device: null,
    file_id: null,
    session_index: 0,
    totals: NO_TOTALS,
    laps: [],
    lengths: [],
    pauses: [],
    flags: [],
    ...rest,
    columns: {
      time_s: Float64Array.from(columns.time_s),
      heart_rate_bpm: f32(columns.heart_rate_bpm),
      distance_m: f64(columns.distance_m),
      speed_mps: f32(columns.speed_mps),
      cadence_rpm: f32(columns.cadence_rpm),
      power_w: f32(columns.power_w),
      lat_deg: f64(columns.lat_deg),
      lng_deg: f64(columns.lng_deg),
      altitude_m: f32(columns.altitude_m),
    },
  }
}

/** 0, 1, …, n-1 seconds. */
export const seconds = (n: number): number[] => Array.from({ length: n }, (_, i) => i)
