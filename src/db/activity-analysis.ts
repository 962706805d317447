import { type Kysely, sql } from 'kysely'
import type { ActivitySummary, ParsedActivity, Sport, SportSource } from '../model.js'
import type { Database } from './tables.js'

export interface StoredSession {
  readonly id: string
  readonly session_index: number
  readonly sport: Sport
  readonly sport_source: SportSource
}

export interface UploadSessions {
  readonly upload_id: string
  readonly object_key: string
  readonly sessions: StoredSession[]
}

/** The user's activities grouped by the upload they came from: one file read serves them all. */
export async function sessionsByUpload(db: Kysely<Database>, userId: string): Promise<UploadSessions[]> {
  const rows = await db
    .selectFrom('activities')
    .innerJoin('uploads', 'uploads.id', 'activities.upload_id')
    .select([
      'activities.id',
      'activities.session_index',
      'activities.sport',
      'activities.sport_source',
      'uploads.id as upload_id',
      'uploads.object_key',
    ])
    .where('activities.user_id', '=', userId)
    .orderBy('uploads.id')
    .orderBy('activities.session_index')
    .execute()
  const byUpload = new Map<string, UploadSessions>()
  for (const { upload_id, object_key, ...session } of rows) {
    let entry = byUpload.get(upload_id)
    if (!entry) byUpload.set(upload_id, (entry = { upload_id, object_key, sessions: [] }))
    entry.sessions.push(session)
  }
  return [...byUpload.values()]
}

/**
 * The sport columns of a new analysis, for an UPDATE: where the row's sport is the user's, the
 * user's stays. Decided by the row as it is when the statement runs, so a correction saved
 * while the analysis ran is kept too (issue 10, item 16).
 */
export function sportUnlessUserSet({
  sport,
  sport_source,
  sport_confidence,
  sport_evidence,
}: Pick<ActivitySummary, 'sport' | 'sport_source' | 'sport_confidence' | 'sport_evidence'>) {
  const userSet = sql<boolean>`sport_source = 'user'`
  return {
    sport: sql<Sport>`case when ${userSet} then sport else ${sport} end`,
    sport_source: sql<SportSource>`case when ${userSet} then sport_source else ${sport_source} end`,
    sport_confidence: sql<number>`case when ${userSet} then sport_confidence else ${sport_confidence} end`,
    sport_evidence: sql<string[]>`case when ${userSet} then sport_evidence else ${[...sport_evidence]}::text[] end`,
  }
}

/**
 * Replaces an activity's analysis with a new one (issue 4, item 7). One UPDATE statement, so
 * a reader sees the old analysis or the new, never half of each. Name, file, ids and a sport
 * the user set stay.
 */
export async function updateAnalysis(db: Kysely<Database>, id: string, parsed: ParsedActivity, summary: ActivitySummary): Promise<void> {
  const { flags, assumed, work_bouts, hr_zones_s, ...fields } = summary
  await db
    .updateTable('activities')
    .set({
      ...fields,
      ...sportUnlessUserSet(summary),
      work_bouts: JSON.stringify(work_bouts),
      hr_zones_s: [...hr_zones_s],
      flags: [...flags, ...parsed.flags],
      assumed: [...assumed],
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute()
}
