import type { PoolLength } from '../model.js'

/**
 * Which samples are moving. REGIMEN.md, Time: moving time is the timer time less standstill
 * where the file records speed or distance; without them the whole timer time moves.
 */
export interface Movement {
  readonly moving: Uint8Array // 1 while moving (and the timer runs)
  readonly moving_s: number
}

/**
 * Below this a person is standing: the slowest walk is about 0.8 m/s and a resting GPS fix drifts
 * at 0.1–0.4 m/s. Pool lengths, not speed, decide for swims that record them.
 */
export const STANDSTILL_MPS = 0.5
/** Speed is judged over a short centred window so one noisy fix neither stops nor starts a move. */
const SMOOTH_S = 5

/** Time-centred moving average of finite values within ±half seconds. PERF: two pointers, O(n). */
export function smoothByTime(values: Float32Array, time: Float64Array, half: number): Float32Array {
  const n = values.length
  const out = new Float32Array(n).fill(Number.NaN)
  let lo = 0
  let hi = 0
  let sum = 0
  let count = 0
  for (let i = 0; i < n; i++) {
    const t = time[i]!
    while (hi < n && time[hi]! <= t + half) {
      const v = values[hi]!
      if (Number.isFinite(v)) {
        sum += v
        count++
      }
      hi++
    }
    while (time[lo]! < t - half) {
      const v = values[lo]!
      if (Number.isFinite(v)) {
        sum -= v
        count--
      }
      lo++
    }
    if (count > 0) out[i] = sum / count
  }
  return out
}

function markIdleLengths(moving: Uint8Array, time: Float64Array, lengths: readonly PoolLength[]): void {
  let i = 0
  const sorted = [...lengths].sort((a, b) => a.start_s - b.start_s)
  for (const length of sorted) {
    if (!length.idle) continue
    const end = length.start_s + length.elapsed_s
    while (i < time.length && time[i]! < length.start_s) i++
    for (let j = i; j < time.length && time[j]! < end; j++) moving[j] = 0
  }
}

/** Marks moving samples and sums their timer weight. */
export function detectMovement(
  time: Float64Array,
  weight: Float64Array,
  speed: Float32Array | null,
  lengths: readonly PoolLength[],
): Movement {
  const n = time.length
  const moving = new Uint8Array(n)
  for (let i = 0; i < n; i++) moving[i] = weight[i]! > 0 ? 1 : 0
  if (lengths.length > 0) markIdleLengths(moving, time, lengths)
  else if (speed !== null) {
    const smooth = smoothByTime(speed, time, SMOOTH_S / 2)
    // An unknown speed (NaN) is not evidence of standing still.
    for (let i = 0; i < n; i++) if (smooth[i]! < STANDSTILL_MPS) moving[i] = 0
  }
  let movingS = 0
  for (let i = 0; i < n; i++) if (moving[i] === 1) movingS += weight[i]!
  // A pool swim moves for the time of its swum lengths; records between them can be sparse.
  if (lengths.length > 0) movingS = lengths.reduce((sum, l) => sum + (l.idle ? 0 : l.elapsed_s), 0)
  return { moving, moving_s: movingS }
}
