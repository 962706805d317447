import type { Kysely } from 'kysely'
import { matchSession, type StoredSession } from '../../src/dedupe/match.js'
import type { DuplicateRule } from '../../src/model.js'
import { storedSessionOf } from '../../src/db/dedupe.js'
import type { Database } from '../../src/db/tables.js'

export interface StoredActivityKey extends StoredSession {
  readonly user_id: string
  readonly upload_id: string
}

export interface DuplicatePair {
  readonly user_id: string
  readonly ids: readonly [string, string]
  readonly rule: DuplicateRule
}

/**
 * Pairs of one user's activities that the worker's own duplicate rules (dedupe/match.ts, the
 * same function) would have matched: each should have been one activity. As in the worker, an
 * activity is matched against those of other uploads only (db/dedupe.ts, matchCandidates).
 */
export function duplicatePairs(activities: readonly StoredActivityKey[]): DuplicatePair[] {
  const byUser = new Map<string, StoredActivityKey[]>()
  for (const a of activities) {
    const own = byUser.get(a.user_id) ?? []
    own.push(a)
    byUser.set(a.user_id, own)
  }
  const pairs = new Map<string, DuplicatePair>()
  for (const [userId, own] of byUser) {
    for (const activity of own) {
      const match = matchSession(
        activity,
        own.filter((o) => o.upload_id !== activity.upload_id),
      )
      if (!match) continue
      const ids = [activity.id, match.activity.id].sort() as [string, string]
      pairs.set(ids.join(), { user_id: userId, ids, rule: match.rule })
    }
  }
  return [...pairs.values()]
}

export async function storedActivityKeys(db: Kysely<Database>): Promise<StoredActivityKey[]> {
  const rows = await db
    .selectFrom('activities')
    .select(['id', 'user_id', 'upload_id', 'start_time', 'elapsed_s', 'file_serial', 'file_created_at', 'session_index'])
    .execute()
  return rows.map((r) => ({ ...storedSessionOf(r), user_id: r.user_id, upload_id: r.upload_id }))
}
