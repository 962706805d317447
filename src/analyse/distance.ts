import { MAX_PLAUSIBLE_SPEED_MPS } from './clean.js'
import { distanceSpan } from './sport/sport-features.js'

/**
 * The session distance: the device's total when it has one that a human could cover in the
 * elapsed time, else the samples' span; null when the file records no distance (CONTRACT.md:
 * distance_m null without distance). NOTE: erg apps write sample distances that restart or stay
 * near zero while the lap total is right (tcx/rowingdata__painsled.tcx).
 */
export function sessionDistance(deviceTotal: number | null, distance: Float64Array | null, elapsedS: number): number | null {
  const fromSamples = distance === null ? 0 : distanceSpan(distance)
  const plausible =
    deviceTotal !== null &&
    Number.isFinite(deviceTotal) &&
    deviceTotal > 0 &&
    deviceTotal <= MAX_PLAUSIBLE_SPEED_MPS * Math.max(elapsedS, 1)
  if (plausible) return deviceTotal
  return fromSamples > 0 ? fromSamples : null
}
