import { describe, expect, it } from 'vitest'
import { EMPTY_PROFILE } from '../../../src/model.js'
import { classifyDeclaredSport } from '../../../src/analyse/sport/declared-sport.js'
import { summariseActivity } from '../../../src/analyse/summarise.js'
import { makeActivity, seconds } from './make-activity.js'

describe('declared sport → class', () => {
  it.each([
    { sport: 'running', sub: null, want: 'running' },
    { sport: 'cycling', sub: 'indoor_cycling', want: 'cycling' },
    { sport: 'biking', sub: null, want: 'cycling' }, // TCX
    { sport: 'road_biking', sub: null, want: 'cycling' }, // Garmin Connect GPX
    { sport: 'virtualride', sub: null, want: 'cycling' }, // Strava code 17
    { sport: 'swim', sub: null, want: 'swimming' }, // Strava code 16
    { sport: 'training', sub: 'strength_training', want: 'strength' },
    { sport: 'training', sub: 'cardio_training', want: 'strength' },
    { sport: 'training', sub: 'yoga', want: 'other' },
    { sport: 'fitness_equipment', sub: 'indoor_rowing', want: 'rowing' },
    { sport: 'fitness_equipment', sub: 'elliptical', want: 'elliptical' },
    { sport: 'cross_country_skiing', sub: null, want: 'skiing' }, // REGIMEN.md now names skiing
    { sport: 'stand_up_paddleboarding', sub: null, want: 'paddling' },
    { sport: 'sport_53', sub: null, want: 'other' }, // a FIT sport newer than the profile
    { sport: 'hike', sub: null, want: 'hiking' },
    { sport: 'generic', sub: null, want: null },
    { sport: 'other', sub: null, want: null }, // TCX Other
    { sport: 'jkljkl', sub: null, want: null }, // junk GPX type
    { sport: null, sub: null, want: null },
  ])('$sport/$sub → $want', ({ sport, sub, want }) => {
    expect(classifyDeclaredSport(sport, sub)?.sport ?? null).toBe(want)
  })
})

const N = 1201
/** A 20-minute session at a constant speed, cadence and power; GPS along a parallel when asked. */
function session(speed: number | null, cadence: number | null, power: number | null, gps: boolean, declared: string | null = null) {
  const t = seconds(N)
  return makeActivity(
    {
      time_s: t,
      heart_rate_bpm: t.map(() => 140),
      ...(speed === null ? {} : { speed_mps: t.map(() => speed), distance_m: t.map((s) => s * speed) }),
      ...(cadence === null ? {} : { cadence_rpm: t.map(() => cadence) }),
      ...(power === null ? {} : { power_w: t.map(() => power) }),
      ...(gps && speed !== null ? { lat_deg: t.map(() => 47), lng_deg: t.map((s) => 8 + (s * speed) / 75_900) } : {}),
    },
    { declared_sport: declared },
  )
}

describe('sport inference from the data', () => {
  it.each([
    { name: 'GPS, 3 m/s, 85 strides/min', activity: session(3, 85, null, true), want: 'running' },
    { name: 'GPS, 1.4 m/s, 56 strides/min', activity: session(1.4, 56, null, true), want: 'walking' },
    { name: 'GPS, 8 m/s, 90 rpm, 200 W', activity: session(8, 90, 200, true), want: 'cycling' },
    { name: 'no GPS, 4 m/s, 24 strokes/min, 180 W (erg)', activity: session(4, 24, 180, false), want: 'rowing' },
    { name: 'no GPS, no speed, 88 rpm, 220 W (trainer)', activity: session(null, 88, 220, false), want: 'cycling' },
    { name: 'no GPS, 0.9 m/s, no cadence (pool)', activity: session(0.9, null, null, false), want: 'swimming' },
    { name: 'no distance, steady HR', activity: session(null, null, null, false), want: 'other' },
  ])('$name → $want', ({ activity, want }) => {
    const summary = summariseActivity(activity, EMPTY_PROFILE)
    expect(summary.sport).toBe(want)
    expect(summary.sport_source).toBe('inferred')
  })

  it('no distance and HR rising and falling in sets → strength', () => {
    // 12 sets: 45 s at 150 bpm, 90 s at 100 bpm
    const t = seconds(12 * 135)
    const hr = t.map((s) => (s % 135 < 45 ? 150 : 100))
    expect(summariseActivity(makeActivity({ time_s: t, heart_rate_bpm: hr }), EMPTY_PROFILE).sport).toBe('strength')
  })

  it('a declared sport wins, and ignoreDeclaredSport infers instead', () => {
    const walk = session(1.4, 56, null, true, 'running')
    expect(summariseActivity(walk, EMPTY_PROFILE).sport).toBe('running')
    expect(summariseActivity(walk, EMPTY_PROFILE).sport_source).toBe('declared')
    expect(summariseActivity(walk, EMPTY_PROFILE, { ignoreDeclaredSport: true }).sport).toBe('walking')
  })

  it('a declared bike ride with a rowing stroke and power is rowing, inferred (PainSled writes Biking)', () => {
    const summary = summariseActivity(session(4, 26, 150, false, 'biking'), EMPTY_PROFILE)
    expect(summary.sport).toBe('rowing')
    expect(summary.sport_source).toBe('inferred')
  })
})
