import type { MultipartFile } from '@fastify/multipart'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { decodeCursor, isUuid } from '../../db/cursor.js'
import type { UploadRow, UploadStatus } from '../../db/tables.js'
import { archiveCounts } from '../../db/archives.js'
import { getUpload, listUploads } from '../../db/uploads.js'
import { FitledgerError } from '../../errors.js'
import { SPORTS } from '../../model.js'
import { type AcceptDeps, acceptFiles, type IncomingFile, type UploadOptions } from '../accept-upload.js'
import { notFound } from '../auth.js'
import { perMinute, type PressureLimits } from '../pressure.js'

const STATUSES = ['queued', 'processing', 'done', 'failed', 'duplicate', 'skipped'] as const

const uploadSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: STATUSES },
    error: {
      type: ['object', 'null'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
    activity_id: { type: ['string', 'null'] },
    activity_ids: { type: 'array', items: { type: 'string' } },
    deleted_activity_ids: {
      type: 'array',
      items: { type: 'string' },
      description: 'Activities this upload made or matched that were deleted since; they are no longer in activity_ids',
    },
    duplicate_rule: { type: ['string', 'null'] },
    filename: { type: 'string' },
    kind: { type: 'string', enum: ['file', 'archive'] },
    parent_id: { type: ['string', 'null'] },
    entry_path: { type: ['string', 'null'] },
    counts: {
      type: 'object',
      description: 'An archive only: its children by status, and entries skipped as not activities',
      properties: Object.fromEntries(STATUSES.map((s) => [s, { type: 'integer' }])),
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
  if (sport !== null && !(SPORTS as readonly string[]).includes(sport)) {
    throw new FitledgerError('bad_request', `sport must be one of ${SPORTS.join(', ')}`)
  }
  return { sport, external_id: raw.external_id?.slice(0, 255) ?? null, name: raw.name?.slice(0, 255) ?? null }
}

/** Reads every part; fields may come before or after the files they apply to. */
async function readMultipart(request: FastifyRequest, maxBytes: number) {
  const files: IncomingFile[] = []
  const fields: Record<string, string> = {}
  let total = 0
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw new FitledgerError('bad_request', `unexpected file part "${part.fieldname}"`)
      const bytes = await (part as MultipartFile).toBuffer()
      total += bytes.length
      if (total > maxBytes) throw new FitledgerError('too_large', `the upload is over ${maxBytes} bytes`)
      files.push({ filename: part.filename, bytes })
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value
    }
  }
  return { files, fields }
}

export function registerUploadRoutes(
  app: FastifyInstance,
  deps: AcceptDeps & { maxUploadBytes: number; limits: PressureLimits },
): void {
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
      let files: IncomingFile[]
      let fields: Record<string, string | undefined> = query
      if (request.isMultipart()) {
        const read = await readMultipart(request, deps.maxUploadBytes)
        files = read.files
        fields = { ...query, ...read.fields }
      } else {
        const body = request.body
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new FitledgerError('bad_request', 'the request body is empty: send multipart `file` parts or the raw file')
        }
        files = [{ filename: query.filename ?? 'upload', bytes: body }]
      }
      const uploads = await acceptFiles(deps, request.userId, files, checkOptions(fields))
      return reply.status(202).send({ uploads })
    },
  )

  app.get('/uploads/:id', { schema: { summary: "An upload's status, error, activities and (for an archive) counts", response: { 200: uploadSchema } } }, async (request) => {
    const { id } = request.params as { id: string }
    const row = isUuid(id) ? await getUpload(deps.db, id, request.userId) : undefined
    if (!row) throw notFound('upload')
    if (row.kind !== 'archive') return uploadJson(row)
    return { ...uploadJson(row), counts: await archiveCounts(deps.db, row.id, row.skipped_entries) }
  })

  app.get(
    '/uploads',
    {
      schema: {
        summary: "The caller's uploads, newest first",
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: STATUSES },
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
