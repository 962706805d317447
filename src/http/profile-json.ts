/**
 * The profile as the API shows it and takes it: what the user set, and beside it the values
 * actually used (defaults filled in, REGIMEN.md), so nobody has to guess what was assumed.
 */
import { resolveAthlete } from '../analyse/athlete.js'
import { isValidTimeZone } from '../aggregate/local-time.js'
import { effectiveProfile, type GoalOverrides, type StoredProfile } from '../db/profiles.js'
import { FitledgerError } from '../errors.js'
import { DEFAULT_GOALS, type Goals, mapGoalSettings, SEXES } from '../model.js'

const nullable = (type: 'number' | 'integer', minimum: number, maximum: number) => ({ type: [type, 'null'], minimum, maximum })

/** Ranges a person (and a sane goal) can have (model.ts, GOAL_SETTINGS); the schema also feeds /docs. */
export const GOAL_SCHEMA = mapGoalSettings((s) => nullable(s.type, s.minimum, s.maximum))

export const PROFILE_FIELDS = {
  sex: { type: ['string', 'null'], enum: [...SEXES, null] },
  birth_year: nullable('integer', 1900, 2100), // and not after this year: checked against the clock
  weight_kg: nullable('number', 20, 400),
  height_cm: nullable('number', 80, 260),
  hr_rest: nullable('number', 25, 250),
  hr_max: nullable('number', 25, 250),
  time_zone: { type: 'string', minLength: 1, maxLength: 64, description: 'IANA, e.g. Europe/Berlin' },
} as const

/** A profile file for `inspect --profile`: any of the fields, none required. */
export const PROFILE_FILE_SCHEMA = {
  type: 'object',
  properties: { ...PROFILE_FIELDS, goals: { type: 'object', properties: GOAL_SCHEMA } },
} as const

export const PROFILE_PUT_SCHEMA = { ...PROFILE_FILE_SCHEMA, minProperties: 1 } as const

export type ProfileChange = Partial<Omit<StoredProfile, 'updated_at' | 'goals' | 'time_zone'>> & {
  readonly time_zone?: string
  readonly goals?: Partial<Record<keyof Goals, number | null>>
}

/**
 * PUT merges: a field given replaces the stored one, `null` clears it (back to the default), a
 * field left out keeps its value. Goals merge the same way, key by key.
 */
export function mergeProfile(stored: StoredProfile, change: ProfileChange, thisYear: number): Omit<StoredProfile, 'updated_at'> {
  const { updated_at: _at, ...before } = stored
  const goals: GoalOverrides = { ...before.goals }
  for (const [key, value] of Object.entries(change.goals ?? {}) as [keyof Goals, number | null][]) {
    if (value === null) delete goals[key]
    else goals[key] = value
  }
  const merged = { ...before, ...change, goals }
  if (!isValidTimeZone(merged.time_zone))
    throw new FitledgerError('bad_request', `time_zone "${merged.time_zone}" is not an IANA time zone`)
  if (merged.birth_year !== null && merged.birth_year > thisYear) {
    throw new FitledgerError('bad_request', `birth_year ${merged.birth_year} is in the future`)
  }
  if (merged.hr_rest !== null && merged.hr_max !== null && merged.hr_rest >= merged.hr_max) {
    throw new FitledgerError('bad_request', `hr_rest (${merged.hr_rest}) must be below hr_max (${merged.hr_max})`)
  }
  return merged
}

/**
 * Weight, heart rate, sex and age shape each activity's energy, zones and TRIMP; the time zone
 * its local start time, when the file gave no offset.
 */
export function changesAnalysis(before: StoredProfile, after: Omit<StoredProfile, 'updated_at'>): boolean {
  return (['sex', 'birth_year', 'weight_kg', 'hr_rest', 'hr_max', 'time_zone'] as const).some((k) => before[k] !== after[k])
}

export function profileJson(stored: StoredProfile, thisYear: number) {
  const profile = effectiveProfile(stored)
  const { assumed, ...athlete } = resolveAthlete(profile, thisYear)
  return {
    sex: stored.sex,
    birth_year: stored.birth_year,
    weight_kg: stored.weight_kg,
    height_cm: stored.height_cm,
    hr_rest: stored.hr_rest,
    hr_max: stored.hr_max,
    time_zone: stored.time_zone,
    goals: profile.goals, // the values used: the user's overrides over DEFAULT_GOALS
    goal_overrides: stored.goals,
    goal_defaults: DEFAULT_GOALS,
    /** The values the analysis uses this year, defaults filled in; `assumed` names the defaults. */
    used: { ...athlete, assumed },
    updated_at: stored.updated_at?.toISOString() ?? null,
  }
}
