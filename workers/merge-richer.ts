/**
 * The richest copy wins: a duplicate that recorded heart rate, power or cadence the stored
 * activity lacks gives them to it. The stored activity's own file is parsed again, takes the
 * channels (dedupe/merge-columns.ts) and is analysed afresh, so laps, pauses and the device's
 * totals stay those of the stored file. Runs between saveIngest and applyMerges; a crash in
 * between leaves the upload `processing`, and the retry matches and merges again.
 */
import type { Kysely } from 'kysely'
import { summariseActivity } from '../src/analyse/summarise.js'
import { withUserSport } from '../src/analyse/user-sport.js'
import { applyMerges, type MergedActivity, type SaveOutcome } from '../src/db/activities.js'
import type { Database, UploadRow } from '../src/db/tables.js'
import { getUpload } from '../src/db/uploads.js'
import { mergeColumns } from '../src/dedupe/merge-columns.js'
import type { Profile } from '../src/model.js'
import { parseStored, type ParseStoredDeps } from './parse-stored.js'

export interface MergeDeps extends ParseStoredDeps {
  readonly db: Kysely<Database>
}

export async function takeRicherStreams(deps: MergeDeps, upload: UploadRow, outcome: SaveOutcome, profile: Profile): Promise<SaveOutcome> {
  const merged: MergedActivity[] = []
  for (const pending of outcome.pending_merges ?? []) {
    const stored = await getUpload(deps.db, pending.stored_upload_id)
    // Its file gone or no longer parsing: the activity stays as it is, and this upload still ends.
    const base = stored && (await parseStored(deps, stored.object_key))?.find((p) => p.session_index === pending.stored_session_index)
    if (!stored || !base) continue
    const parsed = mergeColumns(base, pending.incoming.parsed, pending.channels)
    const summary = withUserSport(summariseActivity(parsed, profile), stored.sport_override)
    merged.push({ activity_id: pending.activity_id, session: { parsed, summary } })
  }
  return applyMerges(deps.db, upload, outcome, merged)
}
