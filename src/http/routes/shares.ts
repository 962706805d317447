import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { isUuid } from '../../db/cursor.js'
import { listShares, revokeShare } from '../../db/report-shares.js'
import type { Database } from '../../db/tables.js'
import { htmlPage } from '../../report/html-page.js'
import { SHARE_DAYS, SHARED_REPORT_PATH, shareJson, shareReport, sharedReportPage } from '../../use-cases/share-report.js'
import { notFound } from '../auth.js'
import { REPORT_CSP } from './reports.js'

export interface ShareRouteDeps {
  readonly db: Kysely<Database>
  /** The base of the links handed out (PUBLIC_URL); the request's own origin without it. */
  readonly publicUrl?: string
}

const WEEK = { type: 'string', pattern: '^\\d{4}-W\\d{2}$', maxLength: 8 } as const
const EXPIRES = { type: 'integer', minimum: 1, maximum: SHARE_DAYS.max, default: SHARE_DAYS.default } as const
const created = {
  201: {
    type: 'object',
    properties: { id: { type: 'string' }, url: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' } },
  },
} as const

const baseUrl = (deps: ShareRouteDeps, request: FastifyRequest) => deps.publicUrl ?? `${request.protocol}://${request.host}`

/** The owner's side, inside /v1 (auth): make, list and revoke links. */
export function registerShareRoutes(app: FastifyInstance, deps: ShareRouteDeps): void {
  app.post(
    '/reports/weekly/:week/share',
    {
      schema: {
        summary: "A read-only link to one week's HTML report, for any browser; the URL is shown once",
        params: { type: 'object', required: ['week'], properties: { week: WEEK } },
        body: { type: ['object', 'null'], additionalProperties: false, properties: { expires_in_days: EXPIRES } },
        response: created,
      },
    },
    async (request, reply) => {
      const { week } = request.params as { week: string }
      const days = (request.body as { expires_in_days?: number } | null)?.expires_in_days
      const share = await shareReport(
        deps.db,
        request.userId,
        { from_week: week, to_week: week, expires_in_days: days ?? SHARE_DAYS.default },
        baseUrl(deps, request),
      )
      return reply.status(201).send(share)
    },
  )

  app.post(
    '/reports/weekly/share',
    {
      schema: {
        summary: 'A read-only link to the trend page of a run of weeks; the URL is shown once',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: { from: WEEK, to: WEEK, expires_in_days: EXPIRES },
        },
        response: created,
      },
    },
    async (request, reply) => {
      const body = request.body as { from: string; to: string; expires_in_days: number }
      const share = await shareReport(
        deps.db,
        request.userId,
        { from_week: body.from, to_week: body.to, expires_in_days: body.expires_in_days },
        baseUrl(deps, request),
      )
      return reply.status(201).send(share)
    },
  )

  app.get(
    '/reports/shares',
    { schema: { summary: "The caller's links that still open, newest first (without their URLs)" } },
    async (request) => ({
      shares: (await listShares(deps.db, request.userId)).map(shareJson),
    }),
  )

  app.delete(
    '/reports/shares/:id',
    {
      schema: {
        summary: 'Revoke a link: it answers 404 from now on',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      if (!isUuid(id) || !(await revokeShare(deps.db, request.userId, id))) throw notFound('share link')
      return reply.status(204).send()
    },
  )
}

function sharedHtml(reply: FastifyReply, status: number, page: string): FastifyReply {
  // The page is someone's health data: kept by no shared cache, its URL sent to no other site.
  return reply
    .status(status)
    .header('cache-control', 'private, no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('content-security-policy', REPORT_CSP)
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(page)
}

const GONE_PAGE = htmlPage(
  'Link not found · fitledger',
  '<header><h1>This link does not open a report</h1><p>It has expired, was revoked, or was never made. Ask for a new one.</p></header>',
)

/** The public side, outside /v1: the link itself is the only credential. */
export function registerSharedPage(app: FastifyInstance, deps: ShareRouteDeps): void {
  app.get(
    `${SHARED_REPORT_PATH}:token`,
    {
      schema: {
        summary: 'The report a share link opens, as an HTML page; 404 once expired or revoked',
        tags: ['shared'],
        security: [],
        params: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 200 } } },
      },
    },
    async (request, reply) => {
      const page = await sharedReportPage(deps.db, (request.params as { token: string }).token)
      return page === undefined ? sharedHtml(reply, 404, GONE_PAGE) : sharedHtml(reply, 200, page)
    },
  )
}
