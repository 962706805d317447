/** Normalises declared sport names: lower-case strings, Strava's numeric GPX codes translated. */

/**
 * Strava GPX exports put a numeric activity type in <trk><type>. NOTE: the corpus shows 1 (Ride,
 * gz/sports-lib__7555261629.gpx.gz), 9 (Run, gpx/sports-lib__1681613317.gpx), 16 (Swim,
 * gpx/sports-lib__4623204522-1.gpx) and 17 (VirtualRide, gpx/sports-lib__6909869014.gpx); the
 * rest follow Strava's activity type enum as public client code lists it (codes 1–17 agree
 * across sources; later codes do not, so they are left untranslated).
 */
const STRAVA_GPX_TYPES: Readonly<Record<string, string>> = {
  '1': 'ride',
  '2': 'alpineski',
  '3': 'backcountryski',
  '4': 'hike',
  '5': 'iceskate',
  '6': 'inlineskate',
  '7': 'nordicski',
  '8': 'rollerski',
  '9': 'run',
  '10': 'walk',
  '11': 'workout',
  '12': 'snowboard',
  '13': 'snowshoe',
  '14': 'kitesurf',
  '15': 'windsurf',
  '16': 'swim',
  '17': 'virtualride',
}

/** A TCX Sport attribute or GPX <type>: trimmed and lower-cased, numeric Strava codes named. */
export function declaredSportFromText(text: string | null): string | null {
  if (text === null) return null
  const trimmed = text.trim()
  if (trimmed === '') return null
  return STRAVA_GPX_TYPES[trimmed] ?? trimmed.toLowerCase()
}

/**
 * A FIT sport value as fit-file-parser gives it: a profile name, or the raw number when its
 * profile does not know the value. NOTE: fit/fit-parser__snorkeling-unknown-sport.fit has a
 * sport newer than older profiles; a number becomes `sport_<n>`.
 */
export function fitSportName(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value.toLowerCase()
  if (typeof value === 'number' && Number.isInteger(value) && value !== 255) return `sport_${value}`
  return null
}

/** FIT sub_sport: its name unless `generic` or absent (model.ts, declared_sub_sport). */
export function fitSubSportName(value: unknown): string | null {
  if (typeof value === 'string' && value !== '' && value !== 'generic') return value.toLowerCase()
  if (typeof value === 'number' && Number.isInteger(value) && value !== 0 && value !== 255) {
    return `sub_sport_${value}`
  }
  return null
}
