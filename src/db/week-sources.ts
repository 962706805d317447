import { type Kysely, sql } from 'kysely'
import { weekBounds, weekDates } from '../aggregate/iso-week.js'
import { RULES_VERSION } from '../aggregate/rules-version.js'
import type { WeekActivity, WeekInput } from '../aggregate/week-types.js'
import type { Profile } from '../model.js'
import { listIntake } from './intake.js'
import type { StoredProfile } from './profiles.js'
import type { Database } from './tables.js'

/**
 * Sessions are loaded a day either side of the week's UTC span; aggregateWeek decides which
 * belong by their local date, so a DST edge in the span arithmetic can never drop one.
 */
const MARGIN_MS = 86_400_000

export interface WeekSpan {
  readonly from: Date
  readonly to: Date // exclusive
  readonly firstDate: string
  readonly lastDate: string
}

export function weekSpan(week: string, timeZone: string): WeekSpan {
  const bounds = weekBounds(week, timeZone)
  const dates = weekDates(week)
  return {
    from: new Date(bounds.start_ms - MARGIN_MS),
    to: new Date(bounds.end_ms + MARGIN_MS),
    firstDate: dates[0] ?? '',
    lastDate: dates[6] ?? '',
  }
}

/**
 * A fingerprint of all a week's figures rest on: the rules version (rules-version.ts), the
 * profile's last change and each session's and food-log day's key and last change. Any insert,
 * update or delete, a profile change (which can move every week) and a change of the rules give
 * another stamp; a stored week whose stamp differs is stale. Computed in SQL, so checking costs one small indexed query.
 */
export async function weekStamp(db: Kysely<Database>, userId: string, span: WeekSpan, profile: StoredProfile): Promise<string> {
  const { rows } = await sql<{ a: string | null; i: string | null }>`
    select
      (select md5(string_agg(id::text || '@' || extract(epoch from updated_at)::text, ',' order by id))
         from activities where user_id = ${userId} and start_time >= ${span.from} and start_time < ${span.to}) as a,
      (select md5(string_agg(date::text || '@' || extract(epoch from updated_at)::text, ',' order by date))
         from intake_days where user_id = ${userId} and date >= ${span.firstDate}::date and date <= ${span.lastDate}::date) as i
  `.execute(db)
  const row = rows[0]
  return `r:${RULES_VERSION}|p:${profile.updated_at?.getTime() ?? '-'}|a:${row?.a ?? '-'}|i:${row?.i ?? '-'}`
}

/** True when the stamp says the week has neither sessions nor food log. */
export function isEmptyStamp(stamp: string): boolean {
  return stamp.endsWith('|a:-|i:-')
}

async function weekActivities(db: Kysely<Database>, userId: string, span: WeekSpan): Promise<WeekActivity[]> {
  const rows = await db
    .selectFrom('activities')
    .select(['id', 'start_time', 'sport', 'intervals', 'moving_s', 'distance_m', 'energy_kcal', 'hr_zones_s', 'name'])
    .where('user_id', '=', userId)
    .where('start_time', '>=', span.from)
    .where('start_time', '<', span.to)
    .orderBy('start_time')
    .execute()
  return rows.map((r) => ({ ...r, start_time: r.start_time.toISOString() }))
}

/** The week's input for aggregateWeek, from the source rows. */
export async function loadWeekInput(db: Kysely<Database>, userId: string, week: string, profile: Profile): Promise<WeekInput> {
  const span = weekSpan(week, profile.time_zone)
  const [activities, intake] = await Promise.all([weekActivities(db, userId, span), listIntake(db, userId, span.firstDate, span.lastDate)])
  return { week, profile, activities, intake }
}
