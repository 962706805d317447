import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { saveProfile, storedProfile } from '../../db/profiles.js'
import type { Database } from '../../db/tables.js'
import type { WeekChanges } from '../../queue/week-changes.js'
import { changesAnalysis, mergeProfile, PROFILE_PUT_SCHEMA, type ProfileChange, profileJson } from '../profile-json.js'

export interface ProfileRouteDeps {
  readonly db: Kysely<Database>
  readonly weekChanges?: WeekChanges
  /** The current year, for ages and the birth-year check; injectable for tests. */
  readonly thisYear?: () => number
}

export function registerProfileRoutes(app: FastifyInstance, deps: ProfileRouteDeps): void {
  const thisYear = deps.thisYear ?? (() => new Date().getUTCFullYear())

  app.get('/profile', { schema: { summary: 'The athlete profile and goals, with the values actually used' } }, async (request) =>
    profileJson(await storedProfile(deps.db, request.userId), thisYear()),
  )

  app.put(
    '/profile',
    {
      schema: { summary: 'Change the profile: given fields replace, null clears, others stay', body: PROFILE_PUT_SCHEMA },
    },
    async (request) => {
      const before = await storedProfile(deps.db, request.userId)
      const after = mergeProfile(before, request.body as ProfileChange, thisYear()) // throws before anything is stored
      const analysisChanged = changesAnalysis(before, after)
      await saveProfile(deps.db, request.userId, after, analysisChanged)
      // Energy and zones of every activity, then every week; or, for goals, height or zone, the weeks.
      if (analysisChanged) await deps.weekChanges?.reanalyse(request.userId)
      else await deps.weekChanges?.allWeeksChanged(request.userId)
      return profileJson(await storedProfile(deps.db, request.userId), thisYear())
    },
  )
}
