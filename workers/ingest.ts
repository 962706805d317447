import type { Kysely } from 'kysely'
import { summariseActivity } from '../src/analyse/summarise.js'
import { withUserSport } from '../src/analyse/user-sport.js'
import { type SaveOutcome, saveIngest } from '../src/db/activities.js'
import { finishArchive } from '../src/db/archives.js'
import { analysisChangedAt, profileFor } from '../src/db/profiles.js'
import type { Database } from '../src/db/tables.js'
import { startProcessing } from '../src/db/uploads.js'
import { FitledgerError, isFitledgerError } from '../src/errors.js'
import type { ParsedActivity } from '../src/model.js'
import type { WeekChanges } from '../src/queue/week-changes.js'
import { NO_CLOCK, type StageClock } from '../src/stage-clock.js'
import type { ObjectStore } from '../src/storage/object-store.js'
import { type ArchiveDeps, type ArchiveOutcome, expandArchive } from './expand-archive.js'
import { takeRicherStreams } from './merge-richer.js'

export interface IngestDeps {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  /** bytes → sessions; in production a worker thread with a heap cap runs src/parse. */
  readonly parse: (bytes: Uint8Array) => Promise<ParsedActivity[]>
  /** Queues the weeks the new sessions fall in (optional: a report recomputes a stale week anyway). */
  readonly weekChanges?: WeekChanges
  /** Archive uploads: where their children are queued, and the caps (optional for file-only callers). */
  readonly archives?: Pick<ArchiveDeps, 'queue' | 'caps'>
  readonly clock?: StageClock
}

/** The data path, top to bottom: everything that is not I/O is a pure call. */
export async function ingest(deps: IngestDeps, uploadId: string): Promise<SaveOutcome | ArchiveOutcome | 'already_final'> {
  const clock = deps.clock ?? NO_CLOCK // where the time goes, for bench:import
  const upload = await clock.time('claim', () => startProcessing(deps.db, uploadId)) //   7 db
  if (!upload) return 'already_final'
  if (upload.kind === 'archive') return clock.time('expand', () => expandArchive({ ...deps, ...archiveDeps(deps) }, upload)) // children, queued
  const bytes = await clock.time('storage', () => readStored(deps.storage, upload.object_key)) // 2 storage
  const parsed = await clock.time('parse', () => deps.parse(bytes)) //                     5 pure (in a thread)
  const profileAsOf = await analysisChangedAt(deps.db, upload.user_id) //                  7 db, read before the profile
  const profile = await clock.time('database', () => profileFor(deps.db, upload.user_id)) // 7 db
  const sport = upload.sport_override
  const sessions = await clock.time(
    'analysis',
    () => parsed.map((p) => ({ parsed: p, summary: withUserSport(summariseActivity(p, profile), sport) })), // 6 pure
  )
  const outcome = await clock.time('database', async () => {
    const saved = await saveIngest(deps.db, upload, sessions) //                            7 db, one transaction, duplicates matched
    return saved.pending_merges ? takeRicherStreams(deps, upload, saved, profile) : saved // 5, 6, 7: the richest copy
  })
  await deps.weekChanges?.activitiesChanged(
    upload.user_id,
    sessions.map((s) => new Date(s.summary.start_time)),
  ) // 3 queue
  // A profile change that landed while we analysed may have been re-analysed before we saved.
  if ((await analysisChangedAt(deps.db, upload.user_id)) !== profileAsOf) await deps.weekChanges?.reanalyse(upload.user_id)
  if (upload.parent_id) await finishArchive(deps.db, upload.parent_id) //                   7 db: the archive ends with its last child
  return outcome
}

/** Accepted bytes are never deleted while their upload is open: a missing object is a setup fault. */
async function readStored(storage: ObjectStore, key: string): Promise<Uint8Array> {
  try {
    return await storage.get(key)
  } catch (err) {
    if (!isFitledgerError(err, 'not_found')) throw err
    const hint = 'do the API and the workers share one STORAGE_URL? A relative file:// path depends on the directory each started in'
    throw new FitledgerError('internal', `the stored file is missing (${key}); ${hint}`, { cause: err })
  }
}

function archiveDeps(deps: IngestDeps): NonNullable<IngestDeps['archives']> {
  if (!deps.archives) throw new FitledgerError('internal', 'this worker was started without archive support')
  return deps.archives
}
