import { type Kysely, sql } from 'kysely'
import { DEFAULT_GOALS, EMPTY_PROFILE, type Goals, type Profile } from '../model.js'
import type { Database } from './tables.js'

/** The user's profile, with defaults for what they have not set. */
export async function profileFor(db: Kysely<Database>, userId: string): Promise<Profile> {
  const row = await db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
  if (!row) return EMPTY_PROFILE
  return {
    sex: row.sex,
    birth_year: row.birth_year,
    weight_kg: row.weight_kg,
    height_cm: row.height_cm,
    hr_rest: row.hr_rest,
    hr_max: row.hr_max,
    time_zone: row.time_zone,
    goals: { ...DEFAULT_GOALS, ...(row.goals as Partial<Goals>) },
  }
}

export type GoalOverrides = Partial<Record<keyof Goals, number>>

/** What the user has set, as stored: null means "not given" (a default is used). */
export interface StoredProfile {
  readonly sex: Profile['sex']
  readonly birth_year: number | null
  readonly weight_kg: number | null
  readonly height_cm: number | null
  readonly hr_rest: number | null
  readonly hr_max: number | null
  readonly time_zone: string
  readonly goals: GoalOverrides
  readonly updated_at: Date | null // null: never saved
}

export async function storedProfile(db: Kysely<Database>, userId: string): Promise<StoredProfile> {
  const row = await db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst()
  if (!row) return { ...EMPTY_PROFILE, goals: {}, updated_at: null }
  const { user_id: _user, goals, ...fields } = row
  return { ...fields, goals: goals as GoalOverrides }
}

/** The profile the analysis and the aggregates use: stored values, default goals filled in. */
export function effectiveProfile(stored: StoredProfile): Profile {
  const { updated_at: _at, goals, ...fields } = stored
  return { ...fields, goals: { ...DEFAULT_GOALS, ...goals } }
}

/** Writes the whole profile row (the caller has merged the change into what was stored). */
export async function saveProfile(db: Kysely<Database>, userId: string, p: Omit<StoredProfile, 'updated_at'>): Promise<void> {
  const values = { ...p, goals: JSON.stringify(p.goals) }
  await db
    .insertInto('profiles')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute()
}
