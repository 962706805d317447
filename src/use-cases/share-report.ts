/**
 * Share links (issue 12): a read-only, expiring link to one week's report or a run of weeks,
 * for a browser that has no token. Both the API and `fitledger report --share` make them here,
 * and the public page reads them here: a link reads nothing but the report it names.
 */
import type { Kysely } from 'kysely'
import { parseIsoWeek, weeksBetween } from '../aggregate/iso-week.js'
import { createShare, openShare, type ShareInfo } from '../db/report-shares.js'
import type { Database } from '../db/tables.js'
import { weekReport, weekReports } from '../db/week-report.js'
import { FitledgerError } from '../errors.js'
import { renderHtml } from '../report/render-html.js'
import { renderTrendHtml } from '../report/render-trend.js'

export const SHARE_DAYS = { default: 7, max: 90 } as const
/** The longest run of weeks a link may show: ten years and a bit, as the range report allows. */
export const MAX_SHARED_WEEKS = 530

/** Where the public page lives, below the service's base URL. */
export const SHARED_REPORT_PATH = '/shared/reports/'

export interface ShareRequest {
  readonly from_week: string
  readonly to_week: string
  readonly expires_in_days?: number
}

export interface NewShare {
  readonly id: string
  readonly url: string
  readonly expires_at: Date
}

/** Checks the weeks, stores the link and gives its URL (shown once: only a hash is kept). */
export async function shareReport(db: Kysely<Database>, userId: string, request: ShareRequest, baseUrl: string): Promise<NewShare> {
  parseIsoWeek(request.from_week)
  parseIsoWeek(request.to_week)
  const weeks = weeksBetween(request.from_week, request.to_week).length
  if (weeks === 0) throw new FitledgerError('bad_request', `from (${request.from_week}) is after to (${request.to_week})`)
  if (weeks > MAX_SHARED_WEEKS) throw new FitledgerError('bad_request', `a link shows at most ${MAX_SHARED_WEEKS} weeks`)
  const days = request.expires_in_days ?? SHARE_DAYS.default
  if (!Number.isInteger(days) || days < 1 || days > SHARE_DAYS.max) {
    throw new FitledgerError('bad_request', `expires_in_days must be a whole number from 1 to ${SHARE_DAYS.max}`)
  }
  const share = await createShare(db, userId, request, days)
  return { id: share.id, url: `${baseUrl.replace(/\/+$/, '')}${SHARED_REPORT_PATH}${share.token}`, expires_at: share.expires_at }
}

/** The page a link opens, or undefined when the link is unknown, expired or revoked. */
export async function sharedReportPage(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const share = await openShare(db, token)
  if (!share) return undefined
  if (share.from_week === share.to_week) return renderHtml(await weekReport(db, share.user_id, share.from_week))
  return renderTrendHtml(await weekReports(db, share.user_id, weeksBetween(share.from_week, share.to_week)))
}

/** A link as the owner's list shows it: never its token. */
export function shareJson(share: ShareInfo) {
  return { id: share.id, from: share.from_week, to: share.to_week, created_at: share.created_at, expires_at: share.expires_at }
}
