import type { Sport } from '../../model.js'
import type { SportFeatures } from './sport-features.js'

export interface InferredSport {
  readonly sport: Sport
  readonly confidence: number
  readonly rule: string // which rule fired, for the eval report and debugging
}

/**
 * Rowing stroke rates: 16–40 strokes a minute (REGIMEN.md, Sports: 18–32, widened for
 * paddling-light steady state and racing starts). Cycling cadence stays above 45 rpm.
 */
export const STROKE_RATE = [14, 42] as const
const PEDAL_RATE = [45, 135] as const
/**
 * Foot cadence: devices write strides (one foot) or steps (both feet) a minute. Walking is
 * 45–65 strides (100–135 steps); running 68–100 strides (140–220 steps).
 */
const RUN_STRIDES = [68, 100] as const
const RUN_STEPS = [140, 220] as const
const WALK_STRIDES = [40, 67] as const
const WALK_STEPS = [100, 139] as const
/** Nobody runs 20 km/h for a tenth of a session: above this 90th percentile it is a bike. */
const CYCLING_P90_MPS = 5.5
const CYCLING_P50_MPS = 5
/** A walker does not reach 9.4 km/h for a tenth of the time; a runner does. */
const RUNNING_P90_MPS = 2.6
/** Typical jogging starts near 7 km/h; brisk walking ends near 7 km/h (Compendium 12020/17220). */
const RUNNING_P50_MPS = 1.9
/** Pool swimmers move at 0.5–1.8 m/s (REGIMEN.md: "about 1 m/s"). */
const SWIM_MPS = [0.3, 1.8] as const
/** Hiking climbs; 300 m an hour is a steady mountain-path ascent rate (Naismith: 600 m/h). */
const HIKING_CLIMB_M_PER_H = 300
/**
 * Strength sessions show a set (HR up 15 bpm, then down) every few minutes: 10–11 an hour in
 * fit/fit-parser__suunto-weight.fit and fit/fit-parser__user_metrics.fit; yoga and diving 3–5.
 */
const STRENGTH_SETS_PER_HOUR = 8
/** Water is flat: under 20 m of climbing an hour (GPS altitude noise included). */
const FLAT_CLIMB_M_PER_H = 20
/** Open-water swimmers move under 0.9 m/s most of the time; walkers above 1 m/s. */
const OPEN_WATER_P50_MPS = 0.9
const OPEN_WATER_P90_MPS = 1.5
/** Above these a running cadence belongs to a bike (pedalling overlaps running strides). */
const RUN_CADENCE_MAX_P50_MPS = 4
const RUN_CADENCE_MAX_P90_MPS = 8
/** Most moving samples must carry a cadence or power for it to count. */
const MIN_SHARE = 0.5
/**
 * A session that covers under 0.2 m/s over its timer time did not travel: a walk that stands
 * still four fifths of the time still averages 0.25 m/s. Its distance is drift or a handful of
 * sparse fixes, and the speed they imply says nothing about the sport.
 * NOTE: fit/fit-parser__snorkeling-unknown-sport.fit (75 m in 35 min, 2–15 m/s at 9 fixes).
 */
const MIN_TRAVEL_MPS = 0.2
/**
 * Nobody but an elite runner holds 3:00/km (5.5 m/s) for a twentieth of a session, and a
 * runner's watch seldom lacks a step cadence. Held that fast without cadence or power, yet
 * below cycling speeds, the session glides or rolls: skiing, skating, or a slow ride without
 * sensors. No rule here can tell which, so it is `other`, with low confidence.
 * NOTE: fit/fit-parser__test2.fit (cross-country skiing, 3.8 m/s median, 5.7 m/s held).
 */
const MAX_HELD_RUN_MPS = 5.5
/** Under a minute or ten samples there is nothing to infer from: any answer is a guess. */
const MIN_EVIDENCE_S = 60
const MIN_EVIDENCE_SAMPLES = 10
const GUESS_CONFIDENCE = 0.2

const within = (v: number, [lo, hi]: readonly [number, number]): boolean => v >= lo && v <= hi

function fromNoSpeed(f: SportFeatures): InferredSport {
  const cadence = f.cadenceShare >= MIN_SHARE ? f.cadenceP50 : Number.NaN
  if (f.powerShare >= MIN_SHARE && within(cadence, STROKE_RATE)) return { sport: 'rowing', confidence: 0.7, rule: 'erg: stroke rate and power' }
  if (f.powerShare >= MIN_SHARE && within(cadence, PEDAL_RATE)) return { sport: 'cycling', confidence: 0.7, rule: 'trainer: pedal cadence and power' }
  if (within(cadence, STROKE_RATE)) return { sport: 'rowing', confidence: 0.5, rule: 'stroke rate without distance' }
  if (f.powerShare < MIN_SHARE) {
    if (within(cadence, RUN_STRIDES) || within(cadence, RUN_STEPS)) return { sport: 'running', confidence: 0.5, rule: 'running cadence without distance' }
    if (within(cadence, WALK_STRIDES) || within(cadence, WALK_STEPS)) return { sport: 'walking', confidence: 0.5, rule: 'walking cadence without distance' }
  }
  if (f.hrSetsPerHour >= STRENGTH_SETS_PER_HOUR) return { sport: 'strength', confidence: 0.6, rule: 'no distance, HR in sets' }
  return { sport: 'other', confidence: 0.3, rule: 'no distance, no pattern' }
}

function footSport(f: SportFeatures, cadence: number): InferredSport | null {
  if (within(cadence, RUN_STRIDES) || within(cadence, RUN_STEPS)) return { sport: 'running', confidence: 0.8, rule: 'running cadence' }
  if (within(cadence, WALK_STRIDES) || within(cadence, WALK_STEPS)) {
    if (f.speedP90 >= RUNNING_P90_MPS) return { sport: 'running', confidence: 0.6, rule: 'walking cadence, running speeds' }
    return walkOrHike(f, 0.75)
  }
  return null
}

function walkOrHike(f: SportFeatures, confidence: number): InferredSport {
  if (f.climbPerHourM >= HIKING_CLIMB_M_PER_H) return { sport: 'hiking', confidence: confidence - 0.1, rule: 'walking speed, steady climb' }
  return { sport: 'walking', confidence, rule: 'walking speed' }
}

/** REGIMEN.md, Sports: the sport from GPS or not, speed, cadence, power and pool lengths. */
export function inferSport(f: SportFeatures): InferredSport {
  const inferred = inferFromData(f)
  const scant = f.timerS < MIN_EVIDENCE_S || f.samples < MIN_EVIDENCE_SAMPLES
  return scant ? { ...inferred, confidence: Math.min(inferred.confidence, GUESS_CONFIDENCE) } : inferred
}

function inferFromData(f: SportFeatures): InferredSport {
  if (f.activeLengths >= 2) return { sport: 'swimming', confidence: 0.95, rule: 'pool lengths' }
  // A device that counted lengths of a named pool length swam them, even when the file keeps no
  // length messages (FIT session pool_length and num_lengths are written for lap swimming only).
  if (f.deviceLengths >= 2) return { sport: 'swimming', confidence: 0.9, rule: 'pool length and lengths in the totals' }
  if (!f.hasSpeed || f.travelMps < MIN_TRAVEL_MPS) return fromNoSpeed(f)
  const cadence = f.cadenceShare >= MIN_SHARE ? f.cadenceP50 : Number.NaN
  const v50 = f.speedP50
  const v90 = f.speedP90
  // Nobody pedals under 42 rpm with power for a whole session; an erg's speed may be bogus
  // (NOTE: fit/rowingdata__workout.fit writes speed in mm/s).
  if (f.powerShare >= MIN_SHARE && within(cadence, STROKE_RATE)) return { sport: 'rowing', confidence: 0.85, rule: 'stroke rate and power' }
  if (within(cadence, STROKE_RATE) && v50 >= 1.5 && v50 <= 6.5) return { sport: 'rowing', confidence: 0.85, rule: 'stroke rate at rowing speed' }
  if (within(cadence, STROKE_RATE) && within(v50, SWIM_MPS)) return { sport: 'swimming', confidence: 0.6, rule: 'stroke rate at swimming speed' }
  const runCadence = within(cadence, RUN_STRIDES) || within(cadence, RUN_STEPS)
  if (runCadence && v50 < RUN_CADENCE_MAX_P50_MPS && v90 < RUN_CADENCE_MAX_P90_MPS) return { sport: 'running', confidence: 0.8, rule: 'running cadence' }
  if (v90 >= CYCLING_P90_MPS || v50 >= CYCLING_P50_MPS) {
    if (within(cadence, RUN_STEPS) && v50 < CYCLING_P50_MPS) return { sport: 'running', confidence: 0.6, rule: 'fast, with running steps' }
    return { sport: 'cycling', confidence: v50 >= CYCLING_P50_MPS ? 0.9 : 0.75, rule: 'cycling speeds' }
  }
  if (!f.hasGps && within(v50, SWIM_MPS) && Number.isNaN(cadence)) return { sport: 'swimming', confidence: 0.6, rule: 'indoor, swimming speed, no cadence' }
  const flat = f.climbPerHourM < FLAT_CLIMB_M_PER_H
  if (f.hasGps && flat && Number.isNaN(cadence) && v50 < OPEN_WATER_P50_MPS && v90 < OPEN_WATER_P90_MPS) {
    return { sport: 'swimming', confidence: 0.5, rule: 'open water: flat, swimming speed' }
  }
  if (f.powerShare >= MIN_SHARE && within(cadence, PEDAL_RATE)) return { sport: 'cycling', confidence: 0.6, rule: 'pedal cadence and power' }
  const byFoot = footSport(f, cadence)
  if (byFoot !== null) return byFoot
  if (Number.isNaN(cadence) && f.powerShare < MIN_SHARE && f.sustainedP95 >= MAX_HELD_RUN_MPS) {
    return { sport: 'other', confidence: 0.35, rule: 'held faster than running, no cadence' }
  }
  if (v50 >= RUNNING_P50_MPS || v90 >= RUNNING_P90_MPS) return { sport: 'running', confidence: 0.65, rule: 'running speeds' }
  // Speed alone: a slow session without cadence may be a walk or a paddle (NOTE: tcx/tcxparser__sup_activity_1.tcx).
  return walkOrHike(f, 0.5)
}
