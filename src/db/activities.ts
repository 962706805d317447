import { type Kysely, sql } from 'kysely'
import type { ActivitySummary, ParsedActivity } from '../model.js'
import type { Cursor } from './cursor.js'
import { encodeCursor } from './cursor.js'
import { saveStreams } from './streams.js'
import type { ActivityRow, Database, NewActivity, UploadRow } from './tables.js'

export interface SessionResult {
  readonly parsed: ParsedActivity
  readonly summary: ActivitySummary
}

export interface SaveOutcome {
  readonly status: 'done' | 'duplicate'
  readonly activity_ids: string[]
  readonly duplicate_rule: string | null
}

function toRow(upload: UploadRow, { parsed, summary }: SessionResult): NewActivity {
  const { flags, assumed, work_bouts, hr_zones_s, ...fields } = summary
  return {
    ...fields,
    user_id: upload.user_id,
    upload_id: upload.id,
    content_sha256: upload.content_sha256,
    session_index: parsed.session_index,
    name: upload.name_override ?? parsed.name,
    device: parsed.device,
    file_serial: parsed.file_id?.serial_number ?? null,
    file_created_at: parsed.file_id?.time_created_ms != null ? new Date(parsed.file_id.time_created_ms) : null,
    work_bouts: JSON.stringify(work_bouts),
    hr_zones_s: [...hr_zones_s],
    flags: [...flags, ...parsed.flags],
    assumed: [...assumed],
  }
}

/**
 * Stores an upload's activities, laps and streams and finishes the upload, all in one
 * transaction. The (user, content, session) key makes it idempotent: a job that runs again
 * finds its own rows, and another upload of the same bytes becomes a duplicate of them.
 */
export async function saveIngest(
  db: Kysely<Database>,
  upload: UploadRow,
  sessions: readonly SessionResult[],
): Promise<SaveOutcome> {
  return db.transaction().execute(async (tx) => {
    const ids: string[] = []
    let duplicate = false
    for (const session of sessions) {
      const row = toRow(upload, session)
      const inserted = await tx
        .insertInto('activities')
        .values(row)
        .onConflict((oc) => oc.columns(['user_id', 'content_sha256', 'session_index']).doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted) {
        ids.push(inserted.id)
        await saveLaps(tx, inserted.id, session.parsed)
        await saveStreams(tx, inserted.id, session.parsed.columns)
        continue
      }
      const existing = await tx
        .selectFrom('activities')
        .select(['id', 'upload_id'])
        .where('user_id', '=', upload.user_id)
        .where('content_sha256', '=', upload.content_sha256)
        .where('session_index', '=', session.parsed.session_index)
        .executeTakeFirstOrThrow()
      ids.push(existing.id)
      if (existing.upload_id !== upload.id) duplicate = true
    }
    const outcome: SaveOutcome = {
      status: duplicate ? 'duplicate' : 'done',
      activity_ids: ids,
      duplicate_rule: duplicate ? 'same_bytes' : null,
    }
    await tx
      .updateTable('uploads')
      .set({ ...outcome, error_code: null, error_message: null, updated_at: sql`now()`, finished_at: sql`now()` })
      .where('id', '=', upload.id)
      .execute()
    return outcome
  })
}

async function saveLaps(tx: Kysely<Database>, activityId: string, parsed: ParsedActivity): Promise<void> {
  if (parsed.laps.length === 0) return
  await tx
    .insertInto('laps')
    .values(parsed.laps.map((lap, lap_index) => ({ activity_id: activityId, lap_index, ...lap })))
    .execute()
}

/** Activities already made from the same bytes by this user (a re-upload). */
export async function activitiesForContent(db: Kysely<Database>, userId: string, sha256: string): Promise<string[]> {
  const rows = await db
    .selectFrom('activities')
    .select('id')
    .where('user_id', '=', userId)
    .where('content_sha256', '=', sha256)
    .orderBy('session_index')
    .execute()
  return rows.map((r) => r.id)
}

export type ActivityWithFile = ActivityRow & { file: string }

function selectActivities(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('activities')
    .innerJoin('uploads', 'uploads.id', 'activities.upload_id')
    .selectAll('activities')
    .select('uploads.filename as file')
    .where('activities.user_id', '=', userId)
}

export async function getActivity(db: Kysely<Database>, userId: string, id: string): Promise<ActivityWithFile | undefined> {
  return selectActivities(db, userId).where('activities.id', '=', id).executeTakeFirst()
}

export interface ActivityFilter {
  readonly from?: string
  readonly to?: string
  readonly sport?: string
  readonly limit: number
  readonly cursor?: Cursor
}

/** Newest first by start time; the cursor is the last row's (start_time, id). */
export async function listActivities(
  db: Kysely<Database>,
  userId: string,
  filter: ActivityFilter,
): Promise<{ activities: ActivityWithFile[]; next_cursor: string | null }> {
  let query = selectActivities(db, userId)
    .orderBy('activities.start_time', 'desc')
    .orderBy('activities.id', 'desc')
    .limit(filter.limit + 1)
  if (filter.from) query = query.where('activities.start_time', '>=', new Date(filter.from))
  if (filter.to) query = query.where('activities.start_time', '<', new Date(filter.to))
  if (filter.sport) query = query.where('activities.sport', '=', filter.sport)
  if (filter.cursor) {
    const { at, id } = filter.cursor
    query = query.where(sql<boolean>`(activities.start_time, activities.id) < (${at}::timestamptz, ${id}::uuid)`)
  }
  const rows = await query.execute()
  const page = rows.slice(0, filter.limit)
  const last = page[page.length - 1]
  return { activities: page, next_cursor: rows.length > filter.limit && last ? encodeCursor(last.start_time, last.id) : null }
}

export async function updateActivity(
  db: Kysely<Database>,
  userId: string,
  id: string,
  patch: { name?: string | null; sport?: string },
): Promise<ActivityWithFile | undefined> {
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.sport !== undefined ? { sport: patch.sport, sport_source: 'user', sport_confidence: 1 } : {}),
  }
  const updated = await db
    .updateTable('activities')
    .set({ ...set, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst()
  return updated ? getActivity(db, userId, id) : undefined
}

export async function deleteActivity(db: Kysely<Database>, userId: string, id: string): Promise<ActivityRow | undefined> {
  return db.deleteFrom('activities').where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst()
}

export async function lapsOf(db: Kysely<Database>, activityId: string) {
  return db.selectFrom('laps').selectAll().where('activity_id', '=', activityId).orderBy('lap_index').execute()
}
