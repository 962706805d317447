import type { Sport } from '../../model.js'

/** A declared sport mapped to a class, with how sure the mapping is. */
export interface DeclaredClass {
  readonly sport: Sport
  readonly confidence: number
}

/**
 * Names that declare nothing specific (REGIMEN.md, Sports: FIT `generic`, TCX `Other`, a GPX
 * without `<type>`); the sport is then inferred from the data.
 */
const GENERIC = new Set(['generic', 'other', 'all', 'multisport', 'workout', 'fitness_equipment', 'unknown', 'none'])

/**
 * FIT sport names (FIT profile, `sport` type), TCX Sport values, GPX types as Garmin Connect
 * writes them and Strava's activity type names, lower-cased and with `-`/space as `_`.
 */
const NAMES: Readonly<Record<string, Sport>> = {
  running: 'running', run: 'running', trail_running: 'running', treadmill_running: 'running',
  virtualrun: 'running', virtual_run: 'running', trailrun: 'running', street_running: 'running',
  track_running: 'running', indoor_running: 'running',
  cycling: 'cycling', biking: 'cycling', ride: 'cycling', virtualride: 'cycling', virtual_ride: 'cycling',
  road_biking: 'cycling', mountain_biking: 'cycling', gravel_cycling: 'cycling', indoor_cycling: 'cycling',
  e_biking: 'cycling', ebikeride: 'cycling', mountainbikeride: 'cycling', gravelride: 'cycling',
  cyclocross: 'cycling', track_cycling: 'cycling', bmx: 'cycling', handcycle: 'cycling',
  swimming: 'swimming', swim: 'swimming', lap_swimming: 'swimming', open_water_swimming: 'swimming',
  rowing: 'rowing', indoor_rowing: 'rowing', row: 'rowing',
  walking: 'walking', walk: 'walking', indoor_walking: 'walking', casual_walking: 'walking',
  speed_walking: 'walking',
  hiking: 'hiking', hike: 'hiking', mountaineering: 'hiking', snowshoe: 'hiking', snowshoeing: 'hiking',
  elliptical: 'elliptical',
  training: 'strength', strength_training: 'strength', cardio_training: 'strength', weighttraining: 'strength',
  weight_training: 'strength', crossfit: 'strength', hiit: 'strength',
}

/** FIT `training` sub-sports that are not strength work. */
const TRAINING_OTHER = new Set(['yoga', 'pilates', 'breathing', 'flexibility_training', 'mobility'])

/**
 * FIT `fitness_equipment` (and `training`) sub-sports decide the class (FIT profile, `sub_sport`).
 * NOTE: fit/python-fitparse__20170518-191602-1740899583.fit is fitness_equipment/indoor_rowing.
 */
const SUB_SPORTS: Readonly<Record<string, Sport>> = {
  indoor_rowing: 'rowing', elliptical: 'elliptical', treadmill: 'running', indoor_cycling: 'cycling',
  indoor_walking: 'walking', strength_training: 'strength', cardio_training: 'strength', hiit: 'strength',
  stair_climbing: 'other', lap_swimming: 'swimming', open_water: 'swimming',
}

/** Specific sports outside the nine classes (FIT profile and Strava names). */
const OTHER_WORDS = [
  'ski', 'snowboard', 'paddl', 'kayak', 'canoe', 'sail', 'surf', 'div', 'snorkel', 'golf', 'tennis',
  'yoga', 'pilates', 'box', 'danc', 'climb', 'skat', 'soccer', 'basketball', 'hockey', 'volleyball',
  'transition', 'fishing', 'hunting', 'motor', 'driving', 'flying', 'jump', 'wakeboard', 'racket',
  'badminton', 'squash', 'cricket', 'rugby', 'baseball', 'softball', 'football', 'horseback',
]

export function normaliseSportName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_')
}

/**
 * The class a declared sport names, or null when the declaration is generic, missing or junk
 * (then the sport is inferred). A FIT sport the profile does not know (`sport_<n>`) is a specific
 * sport outside the common ones (those have small, long-known numbers), so it is `other`.
 * NOTE: fit/fit-parser__snorkeling-unknown-sport.fit.
 */
export function classifyDeclaredSport(sport: string | null, subSport: string | null): DeclaredClass | null {
  if (sport === null) return null
  const name = normaliseSportName(sport)
  const sub = subSport === null ? null : normaliseSportName(subSport)
  if (sub !== null && name === 'training' && TRAINING_OTHER.has(sub)) return { sport: 'other', confidence: 0.95 }
  if (sub !== null && (name === 'fitness_equipment' || name === 'training' || GENERIC.has(name))) {
    const bySub = SUB_SPORTS[sub]
    if (bySub !== undefined) return { sport: bySub, confidence: 0.95 }
  }
  if (GENERIC.has(name) || name === '') return null
  const exact = NAMES[name]
  if (exact !== undefined) return { sport: exact, confidence: name === 'training' ? 0.8 : 0.95 }
  if (/^sport_\d+$/.test(name)) return { sport: 'other', confidence: 0.6 }
  if (OTHER_WORDS.some((word) => name.includes(word))) return { sport: 'other', confidence: 0.9 }
  return null
}
