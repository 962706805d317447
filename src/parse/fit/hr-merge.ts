/**
 * Heart rate that arrives only in FIT `hr` messages (an HRM strap storing beats while the watch
 * cannot receive them, as in pool swims) is expanded to beat times and merged into the samples.
 * NOTE: fit/tormoder-fit__activity_poolswim_with_hr.fit keeps them in the activity file;
 * fit/python-fitparse__event_timestamp.fit and fit/sports-lib__6860712481.fit in chained parts.
 */
import type { FitHr } from './read.js'

export interface HeartBeats {
  readonly time_ms: Float64Array // sorted
  readonly bpm: Float32Array
}

const TICKS_PER_S = 1024 // event_timestamp resolution (FIT profile, hr.event_timestamp scale)
/** A sample with no beat of its own takes the last beat up to this old (the FIT SDK's HR merge). */
const CARRY_FORWARD_MS = 5000

/** event_timestamp_12 packs 12-bit values little-endian into bytes (FIT profile, hr message). */
function unpack12(bytes: readonly (number | null)[], count: number): number[] {
  const out: number[] = []
  for (let i = 0; i < count; i += 1) {
    const bit = i * 12
    const lo = (bytes[bit >> 3] ?? 0) as number
    const hi = (bytes[(bit >> 3) + 1] ?? 0) as number
    out.push((bit & 7) === 0 ? lo | ((hi & 0x0f) << 8) : (lo >> 4) | (hi << 4))
  }
  return out
}

export function expandHrMessages(messages: readonly FitHr[]): HeartBeats {
  const times: number[] = []
  const bpms: number[] = []
  let anchorMs = Number.NaN
  let anchorTicks = 0
  let lastTicks = Number.NaN
  for (const m of messages) {
    const bpm = m.filtered_bpm ?? []
    let ticks: number[] = []
    if (m.event_timestamp !== undefined && m.event_timestamp.length > 0) {
      ticks = m.event_timestamp.map((s) => Math.round((s ?? 0) * TICKS_PER_S))
      if (m.timestamp instanceof Date) {
        anchorMs = m.timestamp.getTime() + (m.fractional_timestamp ?? 0) * 1000
        anchorTicks = ticks[0] as number
      }
    } else if (m.event_timestamp12 !== undefined && !Number.isNaN(lastTicks)) {
      // Each 12-bit value is the low bits of the running tick count (an accumulated field).
      ticks = unpack12(m.event_timestamp12, bpm.length).map((low) => {
        lastTicks += (low - (lastTicks % 4096) + 4096) % 4096
        return lastTicks
      })
    }
    if (ticks.length > 0) lastTicks = ticks[ticks.length - 1] as number
    if (Number.isNaN(anchorMs)) continue
    ticks.forEach((tick, i) => {
      const value = bpm[i]
      if (typeof value === 'number' && value > 0 && value < 255) {
        times.push(anchorMs + ((tick - anchorTicks) * 1000) / TICKS_PER_S)
        bpms.push(value)
      }
    })
  }
  const order = times.map((_, i) => i)
  if (times.some((t, i) => i > 0 && t < (times[i - 1] as number))) order.sort((a, b) => (times[a] as number) - (times[b] as number))
  return {
    time_ms: Float64Array.from(order, (i) => times[i] as number),
    bpm: Float32Array.from(order, (i) => bpms[i] as number),
  }
}

/**
 * Heart rate per sample: the mean of the beats since the previous sample, else the last beat
 * within CARRY_FORWARD_MS, else NaN. Null when no sample gets a value.
 */
export function heartRateAtSamples(time_s: Float64Array, startMs: number, beats: HeartBeats): Float32Array | null {
  const out = new Float32Array(time_s.length).fill(Number.NaN)
  let b = 0
  let found = false
  let prevMs = Number.NEGATIVE_INFINITY
  for (let i = 0; i < time_s.length; i += 1) {
    const at = startMs + (time_s[i] as number) * 1000
    const from = Math.max(prevMs, at - 1000)
    while (b < beats.time_ms.length && (beats.time_ms[b] as number) <= from) b += 1
    let sum = 0
    let n = 0
    let k = b
    while (k < beats.time_ms.length && (beats.time_ms[k] as number) <= at) {
      sum += beats.bpm[k] as number
      n += 1
      k += 1
    }
    if (n > 0) {
      out[i] = sum / n
      found = true
    } else if (b > 0 && at - (beats.time_ms[b - 1] as number) <= CARRY_FORWARD_MS) {
      out[i] = beats.bpm[b - 1] as number
      found = true
    }
    prevMs = at
  }
  return found ? out : null
}
