import { type Kysely, sql } from 'kysely'
import type { ActivitySummary, ParsedActivity } from '../model.js'
import type { Database } from './tables.js'

export interface StoredSession {
  readonly id: string
  readonly session_index: number
  readonly sport: string
  readonly sport_source: string
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
    .select(['activities.id', 'activities.session_index', 'activities.sport', 'activities.sport_source', 'uploads.id as upload_id', 'uploads.object_key'])
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
 * Replaces an activity's analysis with a new one (issue 4, item 7). One UPDATE statement, so
 * a reader sees the old analysis or the new, never half of each. Name, file and ids stay.
 */
export async function updateAnalysis(db: Kysely<Database>, id: string, parsed: ParsedActivity, summary: ActivitySummary): Promise<void> {
  const { flags, assumed, work_bouts, hr_zones_s, ...fields } = summary
  await db
    .updateTable('activities')
    .set({
      ...fields,
      work_bouts: JSON.stringify(work_bouts),
      hr_zones_s: [...hr_zones_s],
      flags: [...flags, ...parsed.flags],
      assumed: [...assumed],
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute()
}
