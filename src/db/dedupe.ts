/**
 * The database side of duplicate matching (dedupe/match.ts holds the rules). Matching and
 * inserting happen under a per-user transaction lock, so two workers saving the same ride from
 * two files at once cannot both find nothing and both insert.
 */
import { type Kysely, sql, type Transaction } from 'kysely'
import { SAME_TIME_START_S, type StoredSession } from '../dedupe/match.js'
import type { MergeableChannel } from '../dedupe/merge-columns.js'
import type { Database } from './tables.js'

export interface StoredActivity extends StoredSession {
  readonly upload_id: string
  readonly has: Readonly<Record<MergeableChannel, boolean>>
}

/** Held until the transaction ends; hashtext folds the uuid into the lock's integer key. */
export async function lockUser(tx: Transaction<Database>, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${userId}))`.execute(tx)
}

/** This user's activities that could match: the same FIT file_id, or a start within 60 s. */
export async function matchCandidates(
  tx: Kysely<Database>,
  userId: string,
  key: { start_ms: number; file_serial: string | null; file_created_ms: number | null },
  excludeUploadId: string,
): Promise<StoredActivity[]> {
  const from = new Date(key.start_ms - SAME_TIME_START_S * 1000)
  const to = new Date(key.start_ms + SAME_TIME_START_S * 1000)
  const rows = await tx
    .selectFrom('activities as a')
    .leftJoin('activity_streams as s', 's.activity_id', 'a.id')
    .select([
      'a.id',
      'a.upload_id',
      'a.start_time',
      'a.elapsed_s',
      'a.file_serial',
      'a.file_created_at',
      'a.session_index',
      sql<boolean>`s.heart_rate_bpm is not null`.as('has_hr'),
      sql<boolean>`s.power_w is not null`.as('has_power'),
      sql<boolean>`s.cadence_rpm is not null`.as('has_cadence'),
    ])
    .where('a.user_id', '=', userId)
    .where('a.upload_id', '!=', excludeUploadId)
    .where((eb) => {
      const byTime = eb.and([eb('a.start_time', '>=', from), eb('a.start_time', '<=', to)])
      if (key.file_serial === null || key.file_created_ms === null) return byTime
      return eb.or([
        byTime,
        eb.and([eb('a.file_serial', '=', key.file_serial), eb('a.file_created_at', '=', new Date(key.file_created_ms))]),
      ])
    })
    .execute()
  return rows.map((r) => ({
    ...storedSessionOf(r),
    upload_id: r.upload_id,
    has: { heart_rate_bpm: r.has_hr === true, power_w: r.has_power === true, cadence_rpm: r.has_cadence === true },
  }))
}

/** An activity row as the duplicate rules see it (the chaos run's check reads them so too). */
export function storedSessionOf(row: {
  id: string
  start_time: Date
  elapsed_s: number
  file_serial: string | null
  file_created_at: Date | null
  session_index: number
}): StoredSession {
  return {
    id: row.id,
    start_ms: row.start_time.getTime(),
    elapsed_s: row.elapsed_s,
    file_serial: row.file_serial,
    file_created_ms: row.file_created_at?.getTime() ?? null,
    session_index: row.session_index,
  }
}
