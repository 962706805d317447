import type { Sport } from '../../model.js'
import { readCadence, type FootCadence } from './foot-cadence.js'
import { RUNNING_PACE_MPS, type SportFeatures } from './sport-features.js'

export interface InferredSport {
  readonly sport: Sport
  readonly confidence: number
  readonly rule: string // which rule fired, for the eval report and debugging
  /** The top reasons, for people: short strings with the numbers that decided. */
  readonly evidence: readonly string[]
}

const PEDAL_RATE = [45, 135] as const
/**
 * A boat under oars moves at 2.5–6.5 m/s (REGIMEN.md: indoor rowing at 3.5–5 m/s); the fastest
 * swimmers hold 2 m/s only over a pool length, open-water swimmers 0.5–1.7 m/s, which a GPS that
 * zig-zags under water can read as up to 2.5 m/s.
 */
const ROWING_MPS = [2.5, 6.5] as const
/** A 20 km/h median is a bike: elite marathon pace is 5.7 m/s, and nobody trains at it. */
const CYCLING_MEDIAN_MPS = 5.5
/** 25 km/h held for 30 s, a tenth of the moving time: only wheels (the 200 m world record is 10 m/s). */
const CYCLING_HELD_P90_MPS = 6.5
/** 21.6 km/h held for 30 s at the top 5 %: a fast runner's strides reach it, a rider almost always. */
const CYCLING_HELD_P95_MPS = 6
/** A runner's top 5 % at 3:20/km without a cadence to say so: the pace of a runner or of wheels. */
const FAST_FOR_RUNNING_MPS = 5
/**
 * Freewheeling: a rider's legs rest on descents and before corners, 5–30 % of the ride; a runner's
 * feet never stop at a running pace. A cadence column mostly 0 at speed is a bike's sensor.
 */
const COASTING_SHARE = 0.05
/** 4:00 min/km and 3 m a stride (1.5 m steps): beyond them a runner is fast, or a rider. */
const SURE_RUN_MPS = 4.2
const SURE_STRIDE_M = 3
/** Share of moving time at a running pace (2.3 m/s held, RUNNING_PACE_MPS) that a walk never has. */
const SOME_RUNNING = 0.15
const MOSTLY_RUNNING = 0.3
/** 1.95 m/s (7 km/h) is a brisk walk's limit and a slow jog's start (Compendium 17220 / 12020). */
const WALK_OR_JOG_MPS = 1.95
/** Open-water swimming: slower than any walk that is not a climb (walkers start near 1 m/s). */
const SWIM_HELD_MPS = 1
const SWIM_HELD_P90_MPS = 1.6
/** Hiking climbs; 300 m an hour is a steady mountain-path ascent rate (Naismith: 600 m/h). */
const HIKING_CLIMB_M_PER_H = 300
/** Pool swimmers move at 0.3–1.8 m/s (REGIMEN.md: "about 1 m/s"). */
const SWIM_MPS = [0.3, 1.8] as const
/**
 * A strength set lifts HR and the rest lets it fall: 15–25 sets in a 45–75 min session (Kraemer &
 * Ratamess 2004). A wrist sensor that lags sees perhaps half, so 6 an hour (one set in ten minutes)
 * is the floor; yoga, diving and steady work swing less often.
 */
const STRENGTH_SETS_PER_HOUR = 6
const CLEAR_SETS_PER_HOUR = 12
/** Most moving samples must carry a cadence or power for it to count. */
const MIN_SHARE = 0.5
/**
 * A session that covers under 0.2 m/s over its timer time did not travel: a walk that stands
 * still four fifths of the time still averages 0.25 m/s. Its distance is drift or a handful of
 * sparse fixes, and the speed they imply says nothing about the sport.
 * NOTE: fit/fit-parser__snorkeling-unknown-sport.fit (75 m in 35 min, 2–15 m/s at 9 fixes).
 */
const MIN_TRAVEL_MPS = 0.2
/** How much data there is caps how sure any answer can be: under a minute it is a guess. */
const EVIDENCE_CAPS = [
  { seconds: 60, samples: 10, cap: 0.2, why: 'under a minute or 10 samples of data' },
  { seconds: 300, samples: 60, cap: 0.45, why: 'under 5 minutes or 60 samples of data' },
  { seconds: 600, samples: 100, cap: 0.7, why: 'under 10 minutes or 100 samples of data' },
] as const

const within = (v: number, [lo, hi]: readonly [number, number]): boolean => v >= lo && v <= hi
const mps = (v: number): string => `${v.toFixed(1)} m/s`
const pctOf = (share: number): string => `${Math.round(share * 100)}%`
const guess = (sport: Sport, confidence: number, rule: string, evidence: readonly string[]): InferredSport => ({
  sport,
  confidence,
  rule,
  evidence,
})

/** REGIMEN.md, Sports: the sport from GPS or not, speed, cadence, power and pool lengths. */
export function inferSport(f: SportFeatures): InferredSport {
  const inferred = inferFromData(f)
  const scant = EVIDENCE_CAPS.find((c) => f.timerS < c.seconds || f.samples < c.samples)
  if (scant === undefined || inferred.confidence <= scant.cap) return inferred
  return { ...inferred, confidence: scant.cap, evidence: [...inferred.evidence, scant.why] }
}

function inferFromData(f: SportFeatures): InferredSport {
  if (f.activeLengths >= 2) return guess('swimming', 0.95, 'pool lengths', [`${f.activeLengths} pool lengths`])
  // A device that counted lengths of a named pool length swam them, even when the file keeps no
  // length messages (FIT session pool_length and num_lengths are written for lap swimming only).
  if (f.deviceLengths >= 2)
    return guess('swimming', 0.9, 'pool length and lengths in the totals', [`${f.deviceLengths} pool lengths in the session totals`])
  const cadence = readCadence(f)
  if (!f.hasSpeed || f.travelMps < MIN_TRAVEL_MPS) return fromNoSpeed(f, cadence)
  const v = f.heldP50
  const speed = `speed ${mps(v)}`
  const powered = f.powerShare >= MIN_SHARE
  if (cadence.kind === 'stroke') return byStroke(f, cadence, powered)
  if (v >= CYCLING_MEDIAN_MPS && !(cadence.kind === 'foot' && cadence.steps)) {
    return guess('cycling', 0.9, 'cycling speeds', [`${speed} (median of 30 s means)`, ...cadenceNote(cadence)])
  }
  if (cadence.kind === 'foot') return byFootCadence(f, cadence, powered)
  return bySpeedAlone(f)
}

/**
 * A stroke rate at a speed: a boat under oars runs 8–12 m a stroke (4 m/s at 24 strokes a
 * minute), a swimmer's arm cycle 1.5–2.5 m, and GPS that zig-zags under water at most doubles it.
 */
const BOAT_RUN_M = 6
const SWIM_STROKE_M = 5

function byStroke(f: SportFeatures, c: FootCadence & { kind: 'stroke' }, powered: boolean): InferredSport {
  const v = f.heldP50
  // Nobody pedals under 42 rpm for a whole session; an erg's speed may be bogus
  // (NOTE: fit/rowingdata__workout.fit writes speed in mm/s).
  if (powered) return guess('rowing', 0.85, 'stroke rate and power', [`${c.text} with power`, `speed ${mps(v)}`])
  const perStroke = v / (c.perMinute / 60)
  const evidence = [`${c.text} at ${mps(v)}`, `${perStroke.toFixed(1)} m a stroke`]
  if (perStroke >= BOAT_RUN_M) return guess('rowing', within(v, ROWING_MPS) ? 0.85 : 0.6, 'stroke rate at rowing speed', evidence)
  if (perStroke < SWIM_STROKE_M && v < ROWING_MPS[0]) {
    return guess('swimming', f.hasGps ? 0.7 : 0.6, 'stroke rate at swimming speed', [...evidence, f.hasGps ? 'open water' : 'no GPS'])
  }
  return guess(v >= ROWING_MPS[0] ? 'rowing' : 'swimming', 0.5, 'stroke rate, between boat and swimmer', evidence)
}

const coasting = (f: SportFeatures): string => `cadence 0 in ${pctOf(f.coastingShare)} of the time at 2.5 m/s or more (freewheeling)`
const cadenceNote = (c: FootCadence): string[] => (c.kind === 'none' ? [] : [c.text])

function byFootCadence(f: SportFeatures, c: FootCadence & { kind: 'foot' }, powered: boolean): InferredSport {
  const v = f.heldP50
  // Speed over cadence is the distance a leg cycle covers: a runner's stride (two steps) is 1.4–3.4 m;
  // a bike's gear moves it 3.5–10 m a pedal revolution (Cavanagh & Kram 1989; road gearing).
  const perCycle = v / (c.perMinute / 60)
  const reach = `${perCycle.toFixed(1)} m a cycle at ${mps(v)}`
  if (!c.steps) {
    if (perCycle > 3.4) return guess('cycling', 0.75, 'pedal cadence at cycling speed', [c.text, `${reach}: a bike's gear, not a stride`])
    if (f.heldP90 >= CYCLING_HELD_P90_MPS)
      return guess('cycling', 0.8, 'pedal cadence, held cycling speeds', [c.text, `held ${mps(f.heldP90)} a tenth of the time`])
    if (f.coastingShare >= COASTING_SHARE) return guess('cycling', 0.75, 'pedal cadence and coasting', [c.text, coasting(f)])
  }
  if (c.runningShare >= 0.25) {
    // Sure only at a recreational runner's pace and stride: faster, or a longer cycle, and a rider
    // spinning a low gear on the flat looks the same.
    const steady = c.steps || (c.runningShare >= 0.75 && f.heldP90 < CYCLING_HELD_P95_MPS && v <= SURE_RUN_MPS && perCycle <= SURE_STRIDE_M)
    const evidence = [c.text, `running cadence ${pctOf(c.runningShare)} of moving time`, reach]
    return guess('running', c.steps ? 0.9 : steady ? 0.85 : 0.7, 'running cadence', evidence)
  }
  if (powered) return guess('cycling', 0.6, 'pedal cadence and power', [c.text, 'with power'])
  if (f.heldP90 >= CYCLING_HELD_P90_MPS)
    return guess('cycling', 0.6, 'slow cadence at cycling speeds', [c.text, `held ${mps(f.heldP90)} a tenth of the time`])
  if (f.runPaceShare >= MOSTLY_RUNNING) {
    return guess('running', 0.55, 'walking cadence, running pace', [c.text, `running pace ${pctOf(f.runPaceShare)} of moving time`])
  }
  // A walking cadence is sure of the gait, not of walk against hike: the climb alone splits them.
  return walkOrHike(f, c.steps ? 0.7 : 0.65, [c.text, `speed ${mps(v)}`])
}

function bySpeedAlone(f: SportFeatures): InferredSport {
  const v = f.heldP50
  const speed = `speed ${mps(v)}, no cadence`
  if (f.heldP90 >= CYCLING_HELD_P90_MPS)
    return guess('cycling', 0.75, 'held cycling speeds', [`held ${mps(f.heldP90)} a tenth of the time`, speed])
  // A cadence column too sparse to read (long stops dilute it) still shows legs still at speed.
  if (f.coastingShare >= COASTING_SHARE) return guess('cycling', 0.6, 'legs still at speed', [coasting(f), speed])
  if (f.sustainedP95 >= CYCLING_HELD_P95_MPS)
    return guess('cycling', 0.55, 'held cycling speeds at times', [`held ${mps(f.sustainedP95)} at the top 5%`, speed])
  if (!f.hasGps && within(v, SWIM_MPS)) return guess('swimming', 0.6, 'indoor, swimming speed, no cadence', [speed, 'no GPS'])
  if (f.hasGps && v < SWIM_HELD_MPS && f.heldP90 < SWIM_HELD_P90_MPS && f.climbPerHourM < HIKING_CLIMB_M_PER_H) {
    return guess('swimming', 0.45, 'open water: swimming speed', [speed, `climb ${Math.round(f.climbPerHourM)} m/h`])
  }
  if (f.runPaceShare >= SOME_RUNNING) {
    const confidence = f.runPaceShare < MOSTLY_RUNNING || f.sustainedP95 >= FAST_FOR_RUNNING_MPS ? 0.55 : 0.65
    return guess('running', confidence, 'running pace', [
      `held ${RUNNING_PACE_MPS} m/s or more ${pctOf(f.runPaceShare)} of moving time`,
      speed,
    ])
  }
  if (v >= WALK_OR_JOG_MPS) return guess('running', 0.45, 'slow jog or brisk walk', [speed])
  return walkOrHike(f, 0.55, [speed])
}

function walkOrHike(f: SportFeatures, confidence: number, evidence: readonly string[]): InferredSport {
  if (f.climbPerHourM >= HIKING_CLIMB_M_PER_H) {
    return guess('hiking', confidence - 0.1, 'walking speed, steady climb', [...evidence, `climb ${Math.round(f.climbPerHourM)} m/h`])
  }
  return guess('walking', confidence, 'walking speed', evidence)
}

function fromNoSpeed(f: SportFeatures, c: FootCadence): InferredSport {
  const powered = f.powerShare >= MIN_SHARE
  if (c.kind === 'stroke') {
    if (powered) return guess('rowing', 0.75, 'erg: stroke rate and power', [`${c.text} with power`, 'no distance'])
    return guess('rowing', 0.45, 'stroke rate without distance', [c.text, 'no distance'])
  }
  if (c.kind === 'foot') {
    if (powered && within(c.perMinute, PEDAL_RATE))
      return guess('cycling', 0.75, 'trainer: pedal cadence and power', [
        `cadence ${Math.round(c.perMinute)} rpm with power`,
        'no distance',
      ])
    // A treadmill run keeps a distance (the watch's accelerometer or the footpod): a cadence of
    // 55–125 a minute without any distance is pedalling on a trainer without a speed sensor.
    if (c.steps && c.runningShare >= 0.5) return guess('running', 0.6, 'running steps without distance', [c.text, 'no distance'])
    if (c.perMinute >= 55)
      return guess('cycling', 0.5, 'pedal cadence without distance', [
        `cadence ${Math.round(c.perMinute)}/min`,
        'no distance: a trainer ride, or a treadmill that kept none',
      ])
    return guess('walking', 0.35, 'slow cadence without distance', [c.text, 'no distance'])
  }
  const sets = f.hasHeartRate ? `heart rate rises and falls ${Math.round(f.hrSetsPerHour)} times an hour` : 'no heart rate'
  if (f.hrSetsPerHour >= STRENGTH_SETS_PER_HOUR) {
    return guess('strength', f.hrSetsPerHour >= CLEAR_SETS_PER_HOUR ? 0.65 : 0.55, 'no distance, HR in sets', [
      sets,
      'no distance, no cadence',
    ])
  }
  return guess('other', 0.3, 'no distance, no pattern', ['no distance, no cadence', sets])
}
