import type { Sport } from '../../model.js'
import { CONTAINERS, FIT_SPORTS, FIT_SUB_SPORTS } from './fit-sports.js'

/** A declared sport mapped to a class, with how sure the mapping is. */
export interface DeclaredClass {
  readonly sport: Sport
  readonly confidence: number
  /** The declaration as the file wrote it, `sport/sub_sport` when the sub-sport decided. */
  readonly name: string
}

/**
 * Names that declare nothing specific (REGIMEN.md, Sports: FIT `generic`, TCX `Other`, a GPX
 * without `<type>`); the sport is then inferred from the data.
 */
const GENERIC = new Set(['other', 'workout', 'unknown', 'none', 'uncategorized', 'multi_sport'])

/**
 * TCX Sport values, GPX types as Garmin Connect writes them (its `_ws`/`_v2` suffixes cut) and
 * Strava's activity type names, lower-cased and with `-`/space as `_`, where they differ from the
 * FIT names (fit-sports.ts).
 */
const NAMES: Readonly<Record<string, Sport>> = {
  run: 'running',
  trail_running: 'running',
  treadmill_running: 'running',
  virtualrun: 'running',
  virtual_run: 'running',
  trailrun: 'running',
  street_running: 'running',
  track_running: 'running',
  indoor_running: 'running',
  biking: 'cycling',
  ride: 'cycling',
  virtualride: 'cycling',
  virtual_ride: 'cycling',
  road_biking: 'cycling',
  mountain_biking: 'cycling',
  gravel_cycling: 'cycling',
  indoor_cycling: 'cycling',
  ebikeride: 'cycling',
  mountainbikeride: 'cycling',
  gravelride: 'cycling',
  emountainbikeride: 'cycling',
  cyclocross: 'cycling',
  track_cycling: 'cycling',
  bmx: 'cycling',
  handcycle: 'cycling',
  velomobile: 'cycling',
  swim: 'swimming',
  lap_swimming: 'swimming',
  open_water_swimming: 'swimming',
  row: 'rowing',
  indoor_rowing: 'rowing',
  virtualrow: 'rowing',
  walk: 'walking',
  indoor_walking: 'walking',
  casual_walking: 'walking',
  speed_walking: 'walking',
  hike: 'hiking',
  snowshoe: 'hiking',
  elliptical: 'elliptical',
  nordicski: 'skiing',
  nordic_ski: 'skiing',
  rollerski: 'skiing',
  roller_ski: 'skiing',
  skate_skiing: 'skiing',
  standuppaddling: 'paddling',
  stand_up_paddling: 'paddling',
  canoe: 'paddling',
  kayak: 'paddling',
  dancing: 'dancing',
  strength_training: 'strength',
  cardio_training: 'strength',
  weighttraining: 'strength',
  weight_training: 'strength',
  crossfit: 'strength',
  highintensityintervaltraining: 'strength',
}

/** Free-text names (GPX `<type>`) by their words, for what the tables do not list. */
const WORDS: readonly (readonly [RegExp, Sport])[] = [
  [/cross_?country_ski|nordic|roller_?ski|skate_?ski/, 'skiing'],
  [/paddl|kayak|canoe/, 'paddling'],
  [/kick_?box|^box/, 'boxing'],
  [/danc|zumba/, 'dancing'],
  [
    /ski|snowboard|sail|surf|div|snorkel|golf|tennis|yoga|pilates|climb|skat|soccer|basketball|hockey|volleyball|transition|fishing|hunting|motor|driving|flying|jump|racket|badminton|squash|cricket|rugby|baseball|softball|football|horseback/,
    'other',
  ],
]

export function normaliseSportName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

const DECLARED = 0.95
/** FIT `training` without a sub-sport is mostly strength work, but yoga and mobility live there too. */
const TRAINING = 0.8
/** A FIT sport the profile does not know: specific, but only known not to be a common one. */
const UNKNOWN_FIT = 0.6

/**
 * The class a declared sport names, or null when the declaration is generic, missing or junk
 * (then the sport is inferred). A FIT sport the decoder's profile does not know (`sport_<n>`) is a
 * specific sport outside the common ones (those have small, long-known numbers), so it is `other`.
 * NOTE: fit/fit-parser__snorkeling-unknown-sport.fit.
 */
export function classifyDeclaredSport(sport: string | null, subSport: string | null): DeclaredClass | null {
  if (sport === null) return null
  const name = normaliseSportName(sport).replace(/_(ws|v2)$/, '')
  const sub = subSport === null ? null : normaliseSportName(subSport)
  const bySub = sub === null ? null : (FIT_SUB_SPORTS[sub] ?? null)
  if (bySub !== null && (CONTAINERS.has(name) || GENERIC.has(name)))
    return { sport: bySub, confidence: DECLARED, name: `${sport}/${subSport}` }
  if (name === '' || GENERIC.has(name)) return null
  const as = (s: Sport, confidence: number): DeclaredClass => ({ sport: s, confidence, name: sport })
  if (Object.hasOwn(FIT_SPORTS, name)) {
    const fit = FIT_SPORTS[name] ?? null
    return fit === null ? null : as(fit, name === 'training' ? TRAINING : DECLARED)
  }
  const alias = NAMES[name]
  if (alias !== undefined) return as(alias, DECLARED)
  if (/^sport_\d+$/.test(name)) return as('other', UNKNOWN_FIT)
  const word = WORDS.find(([pattern]) => pattern.test(name))
  return word === undefined ? null : as(word[1], 0.9)
}
