import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { deleteActivity, getActivity, listActivities, updateActivity } from '../../db/activities.js'
import { decodeCursor, isUuid } from '../../db/cursor.js'
import { loadStreams } from '../../db/streams.js'
import type { Database } from '../../db/tables.js'
import { FitledgerError } from '../../errors.js'
import { SPORTS, type Sport } from '../../model.js'
import { activityJson } from '../activity-json.js'
import { notFound } from '../auth.js'
import { STREAM_KEYS, type StreamKey, streamsJson } from '../streams-json.js'

export interface ActivityRouteDeps {
  readonly db: Kysely<Database>
  /** Called after a change that moves the user's weeks (PATCH sport, DELETE). */
  readonly onActivitiesChanged?: (userId: string, startTimes: readonly Date[]) => Promise<void>
}

const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] } as const

export function registerActivityRoutes(app: FastifyInstance, deps: ActivityRouteDeps): void {
  const changed = async (userId: string, times: readonly Date[]) => deps.onActivitiesChanged?.(userId, times)
  const own = async (userId: string, id: string) => {
    const row = isUuid(id) ? await getActivity(deps.db, userId, id) : undefined
    if (!row) throw notFound('activity')
    return row
  }

  app.get(
    '/activities',
    {
      schema: {
        summary: "The caller's activities, newest first",
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            sport: { type: 'string', enum: SPORTS },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { from?: string; to?: string; sport?: Sport; limit: number; cursor?: string }
      const page = await listActivities(deps.db, request.userId, {
        limit: q.limit,
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.sport ? { sport: q.sport } : {}),
        ...(q.cursor ? { cursor: decodeCursor(q.cursor) } : {}),
      })
      return { activities: page.activities.map(activityJson), next_cursor: page.next_cursor }
    },
  )

  app.get(
    '/activities/:id',
    { schema: { summary: 'One activity: the summary fields, work bouts and zones', params: idParams } },
    async (request) => {
      const { id } = request.params as { id: string }
      return activityJson(await own(request.userId, id))
    },
  )

  app.patch(
    '/activities/:id',
    {
      schema: {
        summary: 'Rename an activity or correct its sport (sport_source becomes user); its week is recomputed',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { name: { type: ['string', 'null'], maxLength: 255 }, sport: { type: 'string', enum: SPORTS } },
        },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      const before = await own(request.userId, id)
      const updated = await updateActivity(deps.db, request.userId, id, request.body as { name?: string | null; sport?: Sport })
      if (!updated) throw notFound('activity')
      if (updated.sport !== before.sport) await changed(request.userId, [updated.start_time])
      return activityJson(updated)
    },
  )

  app.delete(
    '/activities/:id',
    { schema: { summary: 'Delete an activity; its week is recomputed', params: idParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const deleted = isUuid(id) ? await deleteActivity(deps.db, request.userId, id) : undefined
      if (!deleted) throw notFound('activity')
      await changed(request.userId, [deleted.start_time])
      return reply.status(204).send()
    },
  )

  app.get(
    '/activities/:id/streams',
    {
      schema: {
        summary: "Per-sample streams in Strava's shape (key_by_type)",
        params: idParams,
        querystring: { type: 'object', properties: { keys: { type: 'string', maxLength: 200 } } },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string }
      await own(request.userId, id)
      const asked = (request.query as { keys?: string }).keys
        ?.split(',')
        .map((k) => k.trim())
        .filter(Boolean)
      const unknown = asked?.filter((k) => !(STREAM_KEYS as readonly string[]).includes(k)) ?? []
      if (unknown.length > 0)
        throw new FitledgerError('bad_request', `unknown stream keys: ${unknown.join(', ')}; known: ${STREAM_KEYS.join(', ')}`)
      const columns = await loadStreams(deps.db, id)
      return columns ? streamsJson(columns, (asked as StreamKey[] | undefined) ?? STREAM_KEYS) : {}
    },
  )
}
