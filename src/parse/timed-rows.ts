import type { Pause } from '../model.js'
import type { SampleBuilder } from './columns.js'

/**
 * Point times → rows of a SampleBuilder, for the XML formats. The first usable time starts the
 * clock unless a start is given; points without a time, or whose time runs backwards, are
 * counted and dropped; a segment that opens after a gap (a GPX trkseg, a TCX Track after a
 * timer stop) records a pause.
 */
export class TimedRows {
  startMs: number
  lastMs = Number.NaN
  private untimed = 0
  private backwards = 0
  readonly pauses: Pause[] = []

  constructor(
    private readonly builder: SampleBuilder,
    startMs = Number.NaN,
  ) {
    this.startMs = startMs
  }

  /** Adds a row for a point at `ms` (NaN: no usable time); false when the point is dropped. */
  add(ms: number, opensSegment: boolean): boolean {
    if (Number.isNaN(ms)) {
      this.untimed += 1
      return false
    }
    if (Number.isNaN(this.startMs)) this.startMs = ms
    const t = (ms - this.startMs) / 1000
    const last = this.builder.lastTime
    if (t < last) {
      this.backwards += 1
      return false
    }
    if (opensSegment && this.builder.length > 0 && t > last) this.pauses.push({ start_s: last, end_s: t })
    this.lastMs = ms
    this.builder.addRow(t)
    return true
  }

  flags(): string[] {
    return [...(this.untimed > 0 ? ['points_without_time'] : []), ...(this.backwards > 0 ? ['time_went_backwards'] : [])]
  }
}
