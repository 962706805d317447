import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import { addWeeks, isoWeekOfInstant, parseIsoWeek, weeksBetween } from '../../aggregate/iso-week.js'
import { storedProfile } from '../../db/profiles.js'
import type { Database } from '../../db/tables.js'
import { weekReport, weekReports } from '../../db/week-report.js'
import { FitledgerError } from '../../errors.js'
import { renderCsv } from '../../report/render-csv.js'
import { renderHtml } from '../../report/render-html.js'
import { renderTrendHtml } from '../../report/render-trend.js'
import { perMinute } from '../pressure.js'

export interface ReportRouteDeps {
  readonly db: Kysely<Database>
  readonly limits?: { readonly reportsPerMinute: number }
}

/** The page is ours and holds no script; the header repeats its meta CSP for every browser. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
const MAX_WEEKS = 530 // ten years and a bit
const WEEK_PARAM = /^(\d{4}-W\d{2})(?:\.(json|html|csv))?$/

function html(reply: FastifyReply, page: string): FastifyReply {
  return reply
    .header('content-security-policy', REPORT_CSP)
    .header('x-content-type-options', 'nosniff')
    .type('text/html; charset=utf-8')
    .send(page)
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const config = deps.limits ? perMinute(deps.limits.reportsPerMinute) : {}

  app.get(
    '/reports/weekly/:week',
    {
      config,
      schema: {
        summary: 'The weekly report: 2026-W47 (JSON), 2026-W47.json, .html (a page with charts) or .csv',
        params: { type: 'object', required: ['week'], properties: { week: { type: 'string', maxLength: 20 } } },
      },
    },
    async (request, reply) => {
      const param = (request.params as { week: string }).week
      const m = WEEK_PARAM.exec(param)
      if (!m?.[1]) throw new FitledgerError('bad_request', `"${param}" is not a week like 2026-W47, optionally with .json, .html or .csv`)
      const agg = await weekReport(deps.db, request.userId, m[1])
      const format = m[2] ?? 'json'
      if (format === 'html') return html(reply, renderHtml(agg))
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `inline; filename="fitledger-${agg.week}.csv"`)
          .send(renderCsv(agg))
      }
      return reply.type('application/json; charset=utf-8').send(agg)
    },
  )

  app.get(
    '/reports/weekly',
    {
      config,
      schema: {
        summary: 'A run of weekly reports, oldest first (default: the last 12 weeks); format=html for a trend page',
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'string', maxLength: 10 },
            to: { type: 'string', maxLength: 10 },
            format: { type: 'string', enum: ['json', 'html'], default: 'json' },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query as { from?: string; to?: string; format: 'json' | 'html' }
      const profile = await storedProfile(deps.db, request.userId)
      const to = q.to ?? isoWeekOfInstant(Date.now(), profile.time_zone)
      const from = q.from ?? addWeeks(to, -11)
      parseIsoWeek(from)
      parseIsoWeek(to)
      const weeks = weeksBetween(from, to)
      if (weeks.length === 0) throw new FitledgerError('bad_request', `from (${from}) is after to (${to})`)
      if (weeks.length > MAX_WEEKS) throw new FitledgerError('bad_request', `at most ${MAX_WEEKS} weeks at once`)
      const aggs = await weekReports(deps.db, request.userId, weeks)
      if (q.format === 'html') return html(reply, renderTrendHtml(aggs))
      return { from, to, weeks: aggs }
    },
  )
}
