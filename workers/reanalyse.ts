import type { Kysely } from 'kysely'
import { summariseActivity } from '../src/analyse/summarise.js'
import { withUserSport } from '../src/analyse/user-sport.js'
import { sessionsByUpload, updateAnalysis } from '../src/db/activity-analysis.js'
import { analysisChangedAt, effectiveProfile, markAnalysed, storedProfile } from '../src/db/profiles.js'
import { loadStreams } from '../src/db/streams.js'
import type { Database } from '../src/db/tables.js'
import { lacksMergeable, withStoredChannels } from '../src/dedupe/merge-columns.js'
import type { Logger } from '../src/log.js'
import type { ParsedActivity } from '../src/model.js'
import type { WeekChanges } from '../src/queue/week-changes.js'
import type { ObjectStore } from '../src/storage/object-store.js'
import { parseStored } from './parse-stored.js'

export interface ReanalyseDeps {
  readonly db: Kysely<Database>
  readonly storage: ObjectStore
  readonly parse: (bytes: Uint8Array) => Promise<ParsedActivity[]>
  readonly weekChanges: WeekChanges
  readonly log: Logger
}

/**
 * After a profile change (weight, heart rate, sex, birth year), every activity of the user is
 * analysed again from its stored file: energy, zones, TRIMP and intervals all rest on the
 * profile. Heart rate, power and cadence that a duplicate's file brought (merge-richer.ts) are
 * taken back from the stored streams, which hold them. Each activity is rewritten in a
 * statement of its own that keeps a sport the user set, even one set while this runs (issue 10,
 * item 16). Running twice gives the same rows, so a retry is safe.
 */
export async function reanalyse(deps: ReanalyseDeps, userId: string): Promise<number> {
  const covers = await analysisChangedAt(deps.db, userId) // a change after this asks for another run
  const profile = effectiveProfile(await storedProfile(deps.db, userId)) //            7 db
  let updated = 0
  for (const upload of await sessionsByUpload(deps.db, userId)) {
    const parsed = await parseStored(deps, upload.object_key) //                        2 storage, 5 pure
    for (const session of upload.sessions) {
      const own = parsed?.find((x) => x.session_index === session.session_index)
      if (!own) continue
      const stored = lacksMergeable(own) ? await loadStreams(deps.db, session.id) : undefined // 7 db
      const p = stored ? withStoredChannels(own, stored) : own //                        5 pure: what a merge brought
      const userSport = session.sport_source === 'user' ? session.sport : null
      const summary = withUserSport(summariseActivity(p, profile), userSport) //        6 pure
      await updateAnalysis(deps.db, session.id, p, summary) //                          7 db, one row
      updated += 1
    }
  }
  await deps.weekChanges.allWeeksChanged(userId) //                                     3 queue
  await markAnalysed(deps.db, userId, covers) //                                        7 db
  return updated
}
