/**
 * Strava activity types (as activities.csv writes them, e.g. "Run", "Virtual Ride",
 * "Weight Training") → our sports. Only types that name one sport unambiguously are mapped:
 * they become the upload's sport override, because the athlete chose them on Strava. Generic
 * types ("Workout", "Crossfit", "Yoga", …) map to null, so analysis infers the sport as usual.
 */
import type { Sport } from '../model.js'

const STRAVA_TYPES: Readonly<Record<string, Sport>> = {
  run: 'running',
  trailrun: 'running',
  virtualrun: 'running',
  walk: 'walking',
  hike: 'hiking',
  ride: 'cycling',
  virtualride: 'cycling',
  mountainbikeride: 'cycling',
  gravelride: 'cycling',
  ebikeride: 'cycling',
  emountainbikeride: 'cycling',
  velomobile: 'cycling',
  handcycle: 'cycling',
  swim: 'swimming',
  rowing: 'rowing',
  virtualrow: 'rowing',
  elliptical: 'elliptical',
  nordicski: 'skiing',
  rollerski: 'skiing',
  kayaking: 'paddling',
  canoeing: 'paddling',
  standuppaddling: 'paddling',
  boxing: 'boxing',
  dance: 'dancing',
  weighttraining: 'strength',
}

export function sportFromStravaType(type: string): Sport | null {
  return STRAVA_TYPES[type.replace(/[\s_-]/g, '').toLowerCase()] ?? null
}
