import { type Kysely, sql } from 'kysely'
import { USER_SPORT_EVIDENCE } from '../analyse/user-sport.js'
import type { ActivitySummary, DuplicateRule, ParsedActivity, Sport } from '../model.js'
import type { Cursor } from './cursor.js'
import { encodeCursor } from './cursor.js'
import { matchSession, type SessionKey } from '../dedupe/match.js'
import { channelsToTake, type MergeableChannel } from '../dedupe/merge-columns.js'
import { sportUnlessUserSet } from './activity-analysis.js'
import { activitiesByContent } from './archives.js'
import { lockUser, matchCandidates } from './dedupe.js'
import { saveStreams } from './streams.js'
import type { ActivityRow, Database, NewActivity, UploadRow } from './tables.js'
import { settleIds } from './uploads.js'

export interface SessionResult {
  readonly parsed: ParsedActivity
  readonly summary: ActivitySummary
}

export interface SaveOutcome {
  readonly status: 'done' | 'duplicate'
  readonly activity_ids: string[]
  readonly duplicate_rule: DuplicateRule | null
  /**
   * Matched activities that should take channels from this file (dedupe/merge-columns.ts).
   * When set, the upload is not final yet: the worker merges, then calls applyMerges.
   */
  readonly pending_merges?: readonly PendingMerge[]
}

export interface PendingMerge {
  readonly activity_id: string
  readonly stored_upload_id: string
  readonly stored_session_index: number
  readonly incoming: SessionResult
  readonly channels: readonly MergeableChannel[]
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

function sessionKey({ parsed, summary }: SessionResult): SessionKey {
  return {
    start_ms: parsed.start_ms,
    elapsed_s: summary.elapsed_s,
    file_serial: parsed.file_id?.serial_number ?? null,
    file_created_ms: parsed.file_id?.time_created_ms ?? null,
    session_index: parsed.session_index,
  }
}

/**
 * Stores an upload's activities, laps and streams and finishes the upload, all in one
 * transaction under the user's lock. Each session is matched in layers before it is inserted:
 * the same bytes (the (user, content, session) key, which also makes a second run of the same
 * job find its own rows), then dedupe/match.ts's same_file_id and same_time. A matched session
 * makes no activity; the upload points at the one it matched and names the rule.
 */
export async function saveIngest(db: Kysely<Database>, upload: UploadRow, sessions: readonly SessionResult[]): Promise<SaveOutcome> {
  return db.transaction().execute(async (tx) => {
    await lockUser(tx, upload.user_id)
    const ids: string[] = []
    const merges: PendingMerge[] = []
    let matched = 0
    let rule: DuplicateRule | null = null
    for (const session of sessions) {
      const same = await tx
        .selectFrom('activities')
        .select(['id', 'upload_id'])
        .where('user_id', '=', upload.user_id)
        .where('content_sha256', '=', upload.content_sha256)
        .where('session_index', '=', session.parsed.session_index)
        .executeTakeFirst()
      if (same) {
        ids.push(same.id)
        if (same.upload_id !== upload.id) {
          matched += 1
          rule ??= 'same_bytes'
        }
        continue
      }
      const key = sessionKey(session)
      const match = matchSession(key, await matchCandidates(tx, upload.user_id, key, upload.id))
      if (match) {
        ids.push(match.activity.id)
        matched += 1
        rule ??= match.rule
        const channels = channelsToTake(match.activity.has, session.parsed)
        if (channels.length > 0) {
          const { id, upload_id, session_index } = match.activity
          merges.push({ activity_id: id, stored_upload_id: upload_id, stored_session_index: session_index, incoming: session, channels })
        }
        continue
      }
      const inserted = await tx.insertInto('activities').values(toRow(upload, session)).returning('id').executeTakeFirstOrThrow()
      ids.push(inserted.id)
      await saveLaps(tx, inserted.id, session.parsed)
      await saveStreams(tx, inserted.id, session.parsed.columns)
    }
    const outcome: SaveOutcome = {
      status: matched > 0 && matched === sessions.length ? 'duplicate' : 'done',
      activity_ids: ids,
      duplicate_rule: rule,
    }
    if (merges.length > 0) return { ...outcome, pending_merges: merges }
    await finishUpload(tx, upload.id, outcome)
    return outcome
  })
}

/** Under the user's lock: an activity matched earlier and deleted since is named as deleted. */
async function finishUpload(tx: Kysely<Database>, uploadId: string, outcome: SaveOutcome): Promise<void> {
  const { status, activity_ids, duplicate_rule } = outcome
  await tx
    .updateTable('uploads')
    .set({
      status,
      ...(await settleIds(tx, activity_ids)),
      duplicate_rule,
      error_code: null,
      error_message: null,
      updated_at: sql`now()`,
      finished_at: sql`now()`,
    })
    .where('id', '=', uploadId)
    .execute()
}

export interface MergedActivity {
  readonly activity_id: string
  readonly session: SessionResult
}

/**
 * The stored activities take the merged streams and the summary analysed from them, then the
 * upload ends as the duplicate it is. A sport the user set by hand stays.
 */
export async function applyMerges(
  db: Kysely<Database>,
  upload: UploadRow,
  outcome: SaveOutcome,
  merged: readonly MergedActivity[],
): Promise<SaveOutcome> {
  const { pending_merges: _done, ...final } = outcome
  await db.transaction().execute(async (tx) => {
    await lockUser(tx, upload.user_id)
    for (const { activity_id, session } of merged) {
      const { flags, assumed, work_bouts, hr_zones_s, ...fields } = session.summary
      const updated = await tx
        .updateTable('activities')
        .set({
          ...fields,
          ...sportUnlessUserSet(session.summary),
          work_bouts: JSON.stringify(work_bouts),
          hr_zones_s: [...hr_zones_s],
          flags: [...flags, ...session.parsed.flags],
          assumed: [...assumed],
          updated_at: sql`now()`,
        })
        .where('id', '=', activity_id)
        .returning('id')
        .executeTakeFirst()
      if (updated) await saveStreams(tx, activity_id, session.parsed.columns) // gone meanwhile: nothing to enrich
    }
    await finishUpload(tx, upload.id, final)
  })
  return final
}

async function saveLaps(tx: Kysely<Database>, activityId: string, parsed: ParsedActivity): Promise<void> {
  if (parsed.laps.length === 0) return
  await tx
    .insertInto('laps')
    .values(parsed.laps.map((lap, lap_index) => ({ activity_id: activityId, lap_index, ...lap })))
    .execute()
}

/** Activities already made from the same bytes by this user (a re-upload): see activitiesByContent. */
export async function activitiesForContent(db: Kysely<Database>, userId: string, sha256: string): Promise<string[]> {
  return (await activitiesByContent(db, userId, [sha256])).get(sha256) ?? []
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
  readonly sport?: Sport
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
  patch: { name?: string | null; sport?: Sport },
): Promise<ActivityWithFile | undefined> {
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.sport !== undefined
      ? { sport: patch.sport, sport_source: 'user' as const, sport_confidence: 1, sport_evidence: USER_SPORT_EVIDENCE }
      : {}),
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

/**
 * Deletes an activity. Every upload that made or matched it moves the id to
 * deleted_activity_ids, in the same transaction, so none points at it (issue 10, item 15). The
 * user's lock is the one matching and upload writes hold: an upload being saved either sees the
 * activity gone or is corrected here.
 */
export async function deleteActivity(db: Kysely<Database>, userId: string, id: string): Promise<ActivityRow | undefined> {
  return db.transaction().execute(async (tx) => {
    await lockUser(tx, userId)
    const deleted = await tx.deleteFrom('activities').where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst()
    if (!deleted) return undefined
    await tx
      .updateTable('uploads')
      .set({
        activity_ids: sql<string[]>`array_remove(activity_ids, ${id}::uuid)`,
        deleted_activity_ids: sql<string[]>`array_append(deleted_activity_ids, ${id}::uuid)`,
        updated_at: sql`now()`,
      })
      .where('user_id', '=', userId)
      .where(sql<boolean>`${id}::uuid = any(activity_ids)`)
      .execute()
    return deleted
  })
}
