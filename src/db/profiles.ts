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
  const { user_id: _user, goals, analysis_changed_at: _changed, analysed_at: _analysed, ...fields } = row
  return { ...fields, goals: goals as GoalOverrides }
}

/** The profile the analysis and the aggregates use: stored values, default goals filled in. */
export function effectiveProfile(stored: StoredProfile): Profile {
  const { updated_at: _at, goals, ...fields } = stored
  return { ...fields, goals: { ...DEFAULT_GOALS, ...goals } }
}

/**
 * Writes the whole profile row (the caller has merged the change into what was stored). When
 * the change moves energy and zones, the same statement records it, so a lost re-analysis job
 * is found again (workers/reconcile.ts).
 */
export async function saveProfile(
  db: Kysely<Database>,
  userId: string,
  p: Omit<StoredProfile, 'updated_at'>,
  analysisChanged = false,
): Promise<void> {
  const values = { ...p, goals: JSON.stringify(p.goals), ...(analysisChanged ? { analysis_changed_at: sql<Date>`now()` } : {}) }
  await db
    .insertInto('profiles')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute()
}

/**
 * The analysis change a re-analysis covers, exactly as Postgres holds it (microseconds). A JS
 * Date keeps milliseconds, so a change read into one and written back never equals itself
 * (issue 10, item 14): the mark travels as Postgres's own text and is compared only in SQL.
 */
export type AnalysisMark = string & { readonly __mark: 'analysis' }

/** Users whose last analysis-moving profile change no completed re-analysis has covered. */
export async function usersAwaitingReanalysis(db: Kysely<Database>, olderThanS: number): Promise<string[]> {
  const rows = await db
    .selectFrom('profiles')
    .select('user_id')
    .where('analysis_changed_at', 'is not', null)
    // Distinct, not older: a clock that stepped back must not hide a change behind an older run.
    .where('analysed_at', 'is distinct from', (eb) => eb.ref('analysis_changed_at'))
    .where('analysis_changed_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanS})`)
    .execute()
  return rows.map((r) => r.user_id)
}

/** The change a re-analysis read at its start, which it then covers; null when there is none. */
export async function analysisChangedAt(db: Kysely<Database>, userId: string): Promise<AnalysisMark | null> {
  const row = await db
    .selectFrom('profiles')
    .select(sql<AnalysisMark | null>`analysis_changed_at::text`.as('mark'))
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.mark ?? null
}

export async function markAnalysed(db: Kysely<Database>, userId: string, covered: AnalysisMark | null): Promise<void> {
  if (covered === null) return
  await db
    .updateTable('profiles')
    .set({ analysed_at: sql<Date>`${covered}::timestamptz` })
    .where('user_id', '=', userId)
    .execute()
}
