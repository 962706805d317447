import type { ActivitySummary, ParsedActivity, Profile } from '../model.js'
import { resolveAthlete } from './athlete.js'
import { cleanSeries } from './clean.js'
import { estimateEnergy } from './energy/energy.js'
import { metFor, metKcal } from './energy/met.js'
import { summariseHeartRate } from './heart/heart-rate.js'
import { zone4FloorBpm } from './heart/hr-zones.js'
import { spanMean } from './intervals/bout-stats.js'
import { detectIntervals } from './intervals/intervals.js'
import { isoUtc, localStart } from './local-time.js'
import { detectMovement } from './moving.js'
import { sessionDistance } from './distance.js'
import { classifyDeclaredSport } from './sport/declared-sport.js'
import { inferSport } from './sport/infer-sport.js'
import { resolveSport } from './sport/resolve-sport.js'
import { extractFeatures } from './sport/sport-features.js'
import { windowSession } from './session-window.js'
import { buildTimeline } from './timeline.js'
import { roundTo } from '../round.js'

export interface SummariseOptions {
  /** Infer the sport as if the file declared nothing (inspect --ignore-declared-sport, the eval). */
  readonly ignoreDeclaredSport?: boolean
}

const roundOrNull = (v: number | null, digits: number): number | null => (v === null ? null : roundTo(v, digits))

/** ParsedActivity + Profile → ActivitySummary: the whole analysis of one session, pure. */
export function summariseActivity(parsed: ParsedActivity, profile: Profile, options: SummariseOptions = {}): ActivitySummary {
  const window = windowSession(parsed)
  const activity = window.activity
  const athlete = resolveAthlete(profile, new Date(activity.start_ms).getUTCFullYear())
  // NOTE: a GPX distance is derived by the parser from raw fixes; re-derive it without GPS jumps.
  const series = cleanSeries(activity.columns, { preferGps: activity.flags.includes('distance_derived') })
  const timeline = buildTimeline(series.time_s, activity.pauses, activity.totals, activity.flags.includes('truncated'))
  const movement = detectMovement(series.time_s, timeline.weight_s, series.speed, activity.lengths)
  const movingS = series.time_s.length < 2 ? timeline.timer_s : Math.min(movement.moving_s + timeline.unrecorded_s, timeline.timer_s)

  const features = extractFeatures(activity, series, movement.moving, timeline.timer_s)
  const inferred = inferSport(features)
  const declared = classifyDeclaredSport(activity.declared_sport, activity.declared_sub_sport)
  const sport = resolveSport(declared, inferred, options.ignoreDeclaredSport === true)

  const heart = summariseHeartRate({
    hr: series.hr,
    weight_s: timeline.weight_s,
    gap_s: timeline.gap_s,
    hrRest: athlete.hr_rest,
    hrMax: athlete.hr_max,
    sex: athlete.sex,
  })
  const effort = {
    time_s: series.time_s,
    weight_s: timeline.weight_s,
    moving: movement.moving,
    hr: series.hr,
    speed: series.speed,
    power: series.power,
  }
  const intervals = detectIntervals({
    series: effort,
    laps: activity.laps,
    sport: sport.sport,
    declaredSubSport: options.ignoreDeclaredSport === true ? null : activity.declared_sub_sport,
    zone4Bpm: zone4FloorBpm(athlete.hr_rest, athlete.hr_max),
  })
  const distance = sessionDistance(activity.totals.distance_m, series.distance, timeline.elapsed_s)
  const whole = { from: 0, to: series.time_s.length }
  const energy = estimateEnergy({
    totals: activity.totals,
    laps: activity.laps,
    hr: series.hr,
    weight_s: timeline.weight_s,
    moving: movement.moving,
    sex: athlete.sex,
    weight_kg: athlete.weight_kg,
    age: athlete.age,
    metKcal: () => {
      const met = metFor({
        sport: sport.sport,
        speed_mps: distance !== null && movingS > 0 ? distance / movingS : null,
        power_w: spanMean(series.power, effort, whole, true),
        indoor: !series.hasGps,
      })
      return metKcal(met, athlete.weight_kg, movingS)
    },
  })
  return {
    format: activity.format,
    compressed: activity.compressed,
    declared_sport: activity.declared_sport,
    ...sport,
    intervals: intervals.intervals,
    work_bouts: intervals.work_bouts,
    start_time: isoUtc(activity.start_ms),
    ...localStart(activity.start_ms, activity.utc_offset_s, profile.time_zone),
    elapsed_s: roundTo(timeline.elapsed_s, 1),
    moving_s: roundTo(movingS, 1),
    distance_m: roundOrNull(distance, 1),
    hr_avg: roundOrNull(heart.hr_avg, 1),
    hr_max: roundOrNull(heart.hr_max, 0),
    hr_min: roundOrNull(heart.hr_min, 0),
    hr_zones_s: heart.hr_zones_s.map((z) => roundTo(z, 1)) as [number, number, number, number, number],
    trimp: roundOrNull(heart.trimp, 1),
    energy_kcal: roundTo(energy.energy_kcal, 1),
    energy_source: energy.energy_source,
    samples: activity.columns.time_s.length,
    laps: activity.laps.length,
    flags: [...new Set([...window.flags, ...series.flags, ...timeline.flags])],
    assumed: athlete.assumed,
  }
}
