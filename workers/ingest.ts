import type { Kysely } from 'kysely'
import { summariseActivity } from '../src/analyse/summarise.js'
import { withUserSport } from '../src/analyse/user-sport.js'
import { type SaveOutcome, saveIngest } from '../src/db/activities.js'
import { profileFor } from '../src/db/profiles.js'
import type { Database } from '../src/db/tables.js'
import { startProcessing } from '../src/db/uploads.js'
import type { ParsedActivity, Sport } from '../src/model.js'
import type { ObjectStore } from '../src/storage/object-store.js'

export interface IngestDeps {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  /** bytes → sessions; in production a worker thread with a heap cap runs src/parse. */
  readonly parse: (bytes: Uint8Array) => Promise<ParsedActivity[]>
}

/** The data path, top to bottom: everything that is not I/O is a pure call. */
export async function ingest(deps: IngestDeps, uploadId: string): Promise<SaveOutcome | 'already_final'> {
  const upload = await startProcessing(deps.db, uploadId) //                    7 db
  if (!upload) return 'already_final'
  const bytes = await deps.storage.get(upload.object_key) //                    2 storage
  const parsed = await deps.parse(bytes) //                                      5 pure (in a thread)
  const profile = await profileFor(deps.db, upload.user_id) //                  7 db
  const sport = upload.sport_override as Sport | null
  const sessions = parsed.map((p) => ({
    parsed: p,
    summary: withUserSport(summariseActivity(p, profile), sport), //            6 pure
  }))
  return saveIngest(deps.db, upload, sessions) //                               7 db, one transaction
}
