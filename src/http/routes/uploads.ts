import { Readable } from 'node:stream'
import type { Multipart } from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { decodeCursor, isUuid } from '../../db/cursor.js'
import type { UploadRow } from '../../db/tables.js'
import type { UploadStatus } from '../../model.js'
import { archiveCounts } from '../../db/archives.js'
import { getUpload, listUploads } from '../../db/uploads.js'
import { FitledgerError, UPLOAD_ERROR_CODES } from '../../errors.js'
import { DUPLICATE_RULES, isSport, SPORTS, UPLOAD_KINDS, UPLOAD_STATUSES } from '../../model.js'
import { type AcceptDeps, acceptStored, type StoredFile, type UploadOptions } from '../accept-upload.js'
import { notFound } from '../auth.js'
import { perMinute, type PressureLimits } from '../pressure.js'
import { clientBodyError, storeBody } from '../store-body.js'
import type { ObjectStore } from '../../storage/object-store.js'

const uploadSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: UPLOAD_STATUSES },
    error: {
      type: ['object', 'null'],
      properties: { code: { type: 'string', enum: UPLOAD_ERROR_CODES }, message: { type: 'string' } },
    },
    activity_id: { type: ['string', 'null'] },
    activity_ids: { type: 'array', items: { type: 'string' } },
    deleted_activity_ids: {
      type: 'array',
      items: { type: 'string' },
      description: 'Activities this upload made or matched that were deleted since; they are no longer in activity_ids',
    },
    duplicate_rule: { type: ['string', 'null'], enum: [...DUPLICATE_RULES, null] },
    filename: { type: 'string' },
    kind: { type: 'string', enum: UPLOAD_KINDS },
    parent_id: { type: ['string', 'null'] },
    entry_path: { type: ['string', 'null'] },
    counts: {
      type: 'object',
      description: 'An archive only: its children by status, and entries skipped as not activities',
      properties: Object.fromEntries(UPLOAD_STATUSES.map((s) => [s, { type: 'integer' }])),
    },
    size_bytes: { type: 'integer' },
    external_id: { type: ['string', 'null'] },
    created_at: { type: 'string', format: 'date-time' },
    finished_at: { type: ['string', 'null'], format: 'date-time' },
  },
} as const

const optionsSchema = {
  type: 'object',
  properties: {
    filename: { type: 'string', maxLength: 1024 },
    external_id: { type: 'string', maxLength: 255 },
    sport: { type: 'string', enum: SPORTS },
    name: { type: 'string', maxLength: 255 },
  },
} as const

export function uploadJson(row: UploadRow) {
  return {
    id: row.id,
    status: row.status,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    activity_id: row.activity_ids[0] ?? null,
    activity_ids: row.activity_ids,
    deleted_activity_ids: row.deleted_activity_ids,
    duplicate_rule: row.duplicate_rule,
    filename: row.filename,
    kind: row.kind,
    parent_id: row.parent_id,
    entry_path: row.entry_path,
    size_bytes: Number(row.size_bytes),
    external_id: row.external_id,
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  }
}

function checkOptions(raw: Record<string, string | undefined>): UploadOptions {
  const sport = raw.sport ?? null
  if (sport !== null && !isSport(sport)) {
    throw new FitledgerError('bad_request', `sport must be one of ${SPORTS.join(', ')}`)
  }
  return { sport, external_id: raw.external_id?.slice(0, 255) ?? null, name: raw.name?.slice(0, 255) ?? null }
}

/**
 * Reads every part, storing each file as it streams past; fields may come before or after the
 * files they apply to. A part the parser cannot read is the client's mistake (bad_request).
 */
async function readMultipart(request: FastifyRequest, storage: ObjectStore, maxBytes: number) {
  const files: StoredFile[] = []
  const fields: Record<string, string> = {}
  let total = 0
  const parts = request.parts()[Symbol.asyncIterator]()
  for (;;) {
    let next: IteratorResult<Multipart>
    try {
      next = await parts.next()
    } catch (err) {
      throw clientBodyError(err, 'the multipart body is malformed')
    }
    if (next.done) break
    const part = next.value
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw new FitledgerError('bad_request', `unexpected file part "${part.fieldname}"`)
      // busboy takes a part of a binary type for a file even without a filename (its type says so, not ours).
      if (!(part.filename as string | undefined))
        throw new FitledgerError('bad_request', 'a `file` part needs a filename in its Content-Disposition')
      const stored = await storeBody(storage, part.filename, part.file, { leftBytes: maxBytes - total, maxBytes })
      total += stored.object.size_bytes
      files.push(stored)
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value
    }
  }
  return { files, fields }
}

/** A raw body, as the '*' parser hands it over (app.ts): unread, or absent when empty. */
async function readRaw(request: FastifyRequest, storage: ObjectStore, maxBytes: number, filename: string) {
  if (!(request.body instanceof Readable)) {
    throw new FitledgerError('bad_request', 'the request body is empty: send multipart `file` parts or the raw file')
  }
  return { files: [await storeBody(storage, filename, request.body, { leftBytes: maxBytes, maxBytes })], fields: {} }
}

export function registerUploadRoutes(app: FastifyInstance, deps: AcceptDeps & { maxUploadBytes: number; limits: PressureLimits }): void {
  app.post(
    '/uploads',
    {
      config: perMinute(deps.limits.uploadsPerMinute),
      schema: {
        summary: 'Upload workout files (multipart `file` parts, or a raw body with ?filename=)',
        querystring: optionsSchema,
        response: { 202: { type: 'object', properties: { uploads: { type: 'array', items: uploadSchema } } } },
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>
      const { files, fields } = request.isMultipart()
        ? await readMultipart(request, deps.storage, deps.maxUploadBytes)
        : await readRaw(request, deps.storage, deps.maxUploadBytes, query.filename ?? 'upload')
      const uploads = await acceptStored(deps, request.userId, files, checkOptions({ ...query, ...fields }))
      return reply.status(202).send({ uploads })
    },
  )

  app.get(
    '/uploads/:id',
    { schema: { summary: "An upload's status, error, activities and (for an archive) counts", response: { 200: uploadSchema } } },
    async (request) => {
      const { id } = request.params as { id: string }
      const row = isUuid(id) ? await getUpload(deps.db, id, request.userId) : undefined
      if (!row) throw notFound('upload')
      if (row.kind !== 'archive') return uploadJson(row)
      return { ...uploadJson(row), counts: await archiveCounts(deps.db, row.id, row.skipped_entries) }
    },
  )

  app.get(
    '/uploads',
    {
      schema: {
        summary: "The caller's uploads, newest first",
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: UPLOAD_STATUSES },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query as { status?: UploadStatus; limit: number; cursor?: string }
      const page = await listUploads(deps.db, request.userId, {
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.cursor ? { cursor: decodeCursor(q.cursor) } : {}),
      })
      return { uploads: page.uploads.map(uploadJson), next_cursor: page.next_cursor }
    },
  )
}
