/**
 * A growable builder for SampleColumns: rows are appended in time order, each channel is a
 * typed array that appears the first time a value is set. Channels never set stay null
 * (STYLE.md: a channel the file never recorded is null; a gap is NaN).
 */
import type { SampleColumns } from '../model.js'

export type Channel = Exclude<keyof SampleColumns, 'time_s'>

/** Channels kept in double precision: cumulative distance and coordinates need it. */
const WIDE: ReadonlySet<Channel> = new Set<Channel>(['distance_m', 'lat_deg', 'lng_deg'])

type Column = Float64Array | Float32Array

function allocate(channel: Channel, capacity: number): Column {
  const column = WIDE.has(channel) ? new Float64Array(capacity) : new Float32Array(capacity)
  column.fill(Number.NaN)
  return column
}

function grow<T extends Column>(column: T, capacity: number): T {
  const bigger = new (column.constructor as new (n: number) => T)(capacity)
  bigger.set(column)
  bigger.fill(Number.NaN, column.length)
  return bigger
}

export class SampleBuilder {
  private time = new Float64Array(0)
  private readonly channels = new Map<Channel, Column>()
  private rows = 0

  /** Callers pass the expected row count, so a large file allocates its columns once. */
  constructor(capacity = 256) {
    this.time = new Float64Array(Math.max(1, capacity))
  }

  get length(): number {
    return this.rows
  }

  /** The time of the last row, or -Infinity when empty. */
  get lastTime(): number {
    return this.rows === 0 ? Number.NEGATIVE_INFINITY : (this.time[this.rows - 1] as number)
  }

  /** Appends a row with every channel NaN. */
  addRow(time_s: number): void {
    if (this.rows === this.time.length) this.reserve(this.rows * 2)
    this.time[this.rows] = time_s
    this.rows += 1
  }

  /** Sets a value on the last row; non-finite values are left as NaN gaps. */
  set(channel: Channel, value: number | null | undefined): void {
    if (value === null || value === undefined || !Number.isFinite(value) || this.rows === 0) return
    let column = this.channels.get(channel)
    if (column === undefined) {
      column = allocate(channel, this.time.length)
      this.channels.set(channel, column)
    }
    column[this.rows - 1] = value
  }

  build(): SampleColumns {
    const n = this.rows
    const take = (channel: Channel): Column | null => {
      const column = this.channels.get(channel)
      return column === undefined ? null : column.slice(0, n)
    }
    return {
      time_s: this.time.slice(0, n),
      heart_rate_bpm: take('heart_rate_bpm') as Float32Array | null,
      distance_m: take('distance_m') as Float64Array | null,
      speed_mps: take('speed_mps') as Float32Array | null,
      cadence_rpm: take('cadence_rpm') as Float32Array | null,
      power_w: take('power_w') as Float32Array | null,
      lat_deg: take('lat_deg') as Float64Array | null,
      lng_deg: take('lng_deg') as Float64Array | null,
      altitude_m: take('altitude_m') as Float32Array | null,
    }
  }

  private reserve(capacity: number): void {
    this.time = grow(this.time, capacity)
    for (const [channel, column] of this.channels) this.channels.set(channel, grow(column, capacity))
  }
}
