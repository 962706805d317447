import type { SportFeatures } from './sport-features.js'

/**
 * What a cadence column counts. Devices write foot cadence as strides (one foot, FIT and Garmin
 * TCX/GPX `RunCadence`) or as steps (both feet, many phone apps); strokes and pedal revolutions
 * share the column. Walking is 100–135 steps a minute and running 140–210, even at a slow jog
 * (Cavanagh & Kram 1989; Heiderscheit 2011): 50–68 and 70–105 strides.
 */
export type FootCadence =
  | { readonly kind: 'none' }
  | { readonly kind: 'stroke'; readonly perMinute: number; readonly text: string }
  | { readonly kind: 'foot'; readonly steps: boolean; readonly perMinute: number; readonly runningShare: number; readonly text: string }

export const RUN_STRIDES = [70, 105] as const
export const RUN_STEPS = [140, 230] as const
/**
 * Rowing stroke rates: 16–40 strokes a minute (REGIMEN.md, Sports: 18–32, widened for light
 * steady state and racing starts). Swimmers' arm cycles fall in the same band; speed tells them apart.
 */
export const STROKE_RATE = [14, 42] as const
/** Most moving samples must carry a cadence for it to count. */
const MIN_SHARE = 0.5
/** Above this a median foot cadence can only be steps: nobody strides at 230 steps a minute. */
const STEPS_FROM = 115
/**
 * A leg cycle shorter than this is one step, not a stride: walking steps are 0.6–0.8 m, walking
 * strides 1.2–1.6 m. So 105 a minute at 1.3 m/s (0.74 m each) is a walk counted in steps.
 */
const SHORTEST_STRIDE_M = 1.1

export function readCadence(f: SportFeatures): FootCadence {
  const c = f.cadenceP50
  if (f.cadenceShare < MIN_SHARE || !Number.isFinite(c)) return { kind: 'none' }
  const rounded = Math.round(c)
  if (c >= STROKE_RATE[0] && c <= STROKE_RATE[1]) return { kind: 'stroke', perMinute: c, text: `stroke rate ${rounded}/min` }
  const perCycleM = f.hasSpeed ? f.heldP50 / (c / 60) : Number.NaN
  const steps = c >= STEPS_FROM || perCycleM < SHORTEST_STRIDE_M
  if (steps) return { kind: 'foot', steps, perMinute: c, runningShare: f.stepRunShare, text: `cadence ${rounded} spm (steps)` }
  return {
    kind: 'foot',
    steps,
    perMinute: c,
    runningShare: f.strideRunShare,
    text: `cadence ${rounded}/min (strides: ${2 * rounded} steps/min)`,
  }
}
