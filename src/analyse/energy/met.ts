import type { Sport } from '../../model.js'

/** One Compendium row: a speed (m/s) or power (W) and its MET value. */
type Row = readonly [number, number]

const MPH = 0.44704

/**
 * Compendium of Physical Activities (Ainsworth et al. 2011, carried into the 2024 adult
 * Compendium), running by speed: codes 12029 (4 mph, 6.0) … 12135 (14 mph, 23.0).
 */
const RUNNING: readonly Row[] = [
  [4 * MPH, 6.0],
  [5 * MPH, 8.3],
  [5.2 * MPH, 9.0],
  [6 * MPH, 9.8],
  [6.7 * MPH, 10.5],
  [7 * MPH, 11.0],
  [7.5 * MPH, 11.5],
  [8 * MPH, 11.8],
  [8.6 * MPH, 12.3],
  [9 * MPH, 12.8],
  [10 * MPH, 14.5],
  [11 * MPH, 16.0],
  [12 * MPH, 19.0],
  [13 * MPH, 19.8],
  [14 * MPH, 23.0],
]
/** Walking on a level firm surface: codes 17152 (2.0 mph, 2.8) … 17231 (5.0 mph, 8.3). */
const WALKING: readonly Row[] = [
  [2 * MPH, 2.8],
  [2.5 * MPH, 3.0],
  [3 * MPH, 3.5],
  [3.5 * MPH, 4.3],
  [4 * MPH, 5.0],
  [4.5 * MPH, 7.0],
  [5 * MPH, 8.3],
]
/** Bicycling on the road: codes 01010 (<10 mph, 4.0) … 01060 (>20 mph, 15.8), at band midpoints. */
const CYCLING: readonly Row[] = [
  [9 * MPH, 4.0],
  [11 * MPH, 6.8],
  [13 * MPH, 8.0],
  [15 * MPH, 10.0],
  [17.5 * MPH, 12.0],
  [21 * MPH, 15.8],
]
/** Stationary bicycling by power: codes 02011 (30–50 W, 3.5) … 02015 (201–270 W, 14.0). */
const CYCLING_POWER: readonly Row[] = [
  [40, 3.5],
  [95, 6.8],
  [130, 8.8],
  [180, 11.0],
  [235, 14.0],
]
/** Stationary rowing by power: codes 02072 (100 W, 7.0), 02073 (150 W, 8.5), 02074 (200 W, 12.0). */
const ROWING_POWER: readonly Row[] = [
  [100, 7.0],
  [150, 8.5],
  [200, 12.0],
]

/** Sports with one value. */
const FLAT: Record<Sport, number> = {
  running: 7.0, // 12020 jogging, general
  walking: 3.5, // 17190 walking 2.8–3.2 mph, level, moderate pace
  hiking: 6.0, // 17080 hiking, cross country
  cycling: 7.0, // 02010 bicycling, stationary, general (no speed known)
  swimming: 5.8, // 18310 swimming laps, freestyle, slow, light or moderate effort
  rowing: 6.0, // 02070 rowing, stationary ergometer, general, vigorous effort
  elliptical: 5.0, // 02048 elliptical trainer, moderate effort
  skiing: 9.0, // 19080 skiing, cross country, 4.0–4.9 mph, moderate speed and effort, general
  paddling: 5.0, // 18100 kayaking, moderate effort
  boxing: 5.5, // 15110 boxing, punching bag
  dancing: 7.8, // 03031 general dancing (disco, folk, line dancing, …)
  strength: 3.5, // 02054 resistance training, multiple exercises, 8–15 repetitions
  other: 4.0, // no single code: the middle of the Compendium's moderate band (3.0–5.9 MET)
}

/** Linear interpolation in a table, held flat beyond its ends. */
export function interpolate(rows: readonly Row[], x: number): number {
  const first = rows[0]!
  const last = rows[rows.length - 1]!
  if (x <= first[0]) return first[1]
  if (x >= last[0]) return last[1]
  for (let i = 1; i < rows.length; i++) {
    const [x1, y1] = rows[i]!
    if (x <= x1) {
      const [x0, y0] = rows[i - 1]!
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
    }
  }
  return last[1]
}

export interface MetInputs {
  readonly sport: Sport
  readonly speed_mps: number | null // average moving speed
  readonly power_w: number | null // average moving power
  readonly indoor: boolean // no GPS: a speed from a trainer or erg is not a road speed
}

/** The MET value for a session, by sport and its average speed or power. */
export function metFor({ sport, speed_mps, power_w, indoor }: MetInputs): number {
  const speed = speed_mps !== null && speed_mps > 0 ? speed_mps : null
  const power = power_w !== null && power_w > 0 ? power_w : null
  if (sport === 'running' && speed !== null) return interpolate(RUNNING, speed)
  if (sport === 'walking' && speed !== null) return interpolate(WALKING, speed)
  if (sport === 'cycling' && power !== null) return interpolate(CYCLING_POWER, power)
  if (sport === 'cycling' && speed !== null && !indoor) return interpolate(CYCLING, speed)
  if (sport === 'rowing' && power !== null) return interpolate(ROWING_POWER, power)
  return FLAT[sport]
}

/** Compendium energy: MET × body mass × hours (1 MET ≈ 1 kcal per kg per hour). */
export function metKcal(met: number, weightKg: number, seconds: number): number {
  return (met * weightKg * seconds) / 3600
}
