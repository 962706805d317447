import { isoWeekOfInstant } from '../aggregate/iso-week.js'
import { storedProfile } from '../db/profiles.js'
import { weekReport } from '../db/week-report.js'
import { FitledgerError } from '../errors.js'
import { renderCsv } from '../report/render-csv.js'
import { renderHtml } from '../report/render-html.js'
import { renderJson } from '../report/render-json.js'
import { renderTable } from '../report/render-table.js'
import type { Config } from '../config.js'
import { shareReport } from '../use-cases/share-report.js'
import { type CliContext, configAndLog } from './context.js'
import { withDatabase } from './runtime.js'
import { requireUser } from './user.js'

export const REPORT_FORMATS = ['table', 'json', 'html', 'csv'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ReportOptions {
  readonly user: string // email
  readonly week?: string // default: this week on the user's clock
  readonly format?: string
  /** Print a share link to the week's HTML page instead of the report. */
  readonly share?: boolean
  readonly expiresInDays?: number
}

/** Where browsers reach the API: PUBLIC_URL, else the address `serve` listens on. */
export function serviceBaseUrl(config: Config): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`
}

/**
 * `fitledger report --user E --week 2026-W47 [--format table|json|html|csv]`: the same report
 * as GET /v1/reports/weekly/:week, read through the same functions (stored when current, else
 * recomputed), written to stdout.
 */
export async function reportCommand(ctx: CliContext, opts: ReportOptions): Promise<number> {
  const format = (opts.format ?? 'table') as ReportFormat
  if (!REPORT_FORMATS.includes(format)) {
    throw new FitledgerError('bad_request', `--format must be one of ${REPORT_FORMATS.join(', ')}`)
  }
  const { config } = configAndLog(ctx)
  const text = await withDatabase(config.DATABASE_URL, async (db) => {
    const user = await requireUser(db, opts.user)
    const profile = await storedProfile(db, user.id)
    const week = opts.week ?? isoWeekOfInstant(Date.now(), profile.time_zone)
    if (opts.share) {
      const share = await shareReport(
        db,
        user.id,
        { from_week: week, to_week: week, ...(opts.expiresInDays ? { expires_in_days: opts.expiresInDays } : {}) },
        serviceBaseUrl(config),
      )
      return `${share.url}\n(expires ${share.expires_at.toISOString()}; the link is shown only now)\n`
    }
    const agg = await weekReport(db, user.id, week, profile)
    if (format === 'json') return renderJson(agg)
    if (format === 'html') return renderHtml(agg, { subtitle: user.name ?? user.email })
    if (format === 'csv') return renderCsv(agg)
    return renderTable(agg)
  })
  ctx.stdout.write(text)
  return 0
}
