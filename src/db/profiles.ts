import type { Kysely } from 'kysely'
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
