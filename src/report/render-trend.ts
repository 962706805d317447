/**
 * A run of weekly reports (CONTRACT.md, GET /v1/reports/weekly?from=&to=): as a JSON array of the
 * weekly reports, as compact points for charts, or as a page with two trend charts.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { balanceTrendChart, scoreTrendChart } from './chart-trend.js'
import { formatNumber, formatSigned } from './display-format.js'
import { escapeHtml } from './escape-html.js'
import { chartFigure, htmlPage } from './html-page.js'
import type { RenderHtmlOptions } from './render-html.js'

export interface TrendPoint {
  readonly week: string
  readonly from: string
  readonly to: string
  readonly score: number | null
  readonly goals_met: number
  readonly goals_total: number
  readonly balance_kcal: number | null
  readonly logged_days: number
  readonly projected_weight_change_kg: number | null
}

export function trendPoints(aggs: readonly WeekAggregate[]): TrendPoint[] {
  return aggs.map((a) => ({
    week: a.week,
    from: a.from,
    to: a.to,
    score: a.compliance.score,
    goals_met: a.compliance.goals_met,
    goals_total: a.compliance.goals_total,
    balance_kcal: a.energy.balance_kcal,
    logged_days: a.energy.logged_days,
    projected_weight_change_kg: a.energy.projected_weight_change_kg,
  }))
}

/** The full weekly reports, in the order given (the caller sorts), as a JSON array. */
export function renderTrendJson(aggs: readonly WeekAggregate[]): string {
  return JSON.stringify(aggs, null, 2) + '\n'
}

export function renderTrendHtml(aggs: readonly WeekAggregate[], options: RenderHtmlOptions = {}): string {
  const first = aggs[0]
  const last = aggs[aggs.length - 1]
  const span = first === undefined || last === undefined ? 'no weeks' : `${first.week} – ${last.week}`
  const projected = aggs.reduce((sum, a) => sum + (a.energy.projected_weight_change_kg ?? 0), 0)
  const judged = aggs.filter((a) => a.compliance.score !== null)
  const mean = judged.length === 0 ? null : judged.reduce((s, a) => s + (a.compliance.score ?? 0), 0) / judged.length
  const sub = options.subtitle === undefined ? '' : `<p>${escapeHtml(options.subtitle)}</p>\n`
  const summary =
    `${aggs.length} weeks · average score ${mean === null ? '—' : `${formatNumber(mean * 100)}%`}` +
    ` · projected change over logged days ${formatSigned(projected, 2)} kg`
  const body = [
    `<header>\n<h1>Trend ${escapeHtml(span)}</h1>\n${sub}<p>${escapeHtml(summary)}</p>\n</header>`,
    '<section class="charts" aria-label="Trend charts">',
    chartFigure('Compliance score', 'Share of the goals that could be judged and were met.', scoreTrendChart(aggs)),
    chartFigure('Energy balance per week', 'Below zero is a deficit; outlined weeks had no food log.', balanceTrendChart(aggs)),
    '</section>',
  ].join('\n')
  return htmlPage(options.title ?? `Trend ${span} · fitledger`, body)
}

export type TrendFormat = 'json' | 'html'

export function renderTrend(aggs: readonly WeekAggregate[], format: TrendFormat = 'json', options: RenderHtmlOptions = {}): string {
  return format === 'html' ? renderTrendHtml(aggs, options) : renderTrendJson(aggs)
}
