/**
 * The weekly report as a page a person would rather look at than read: the verdict first (goal
 * badges and the score), then four charts, then the sessions. No script, no external asset.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { balanceChart } from './chart-balance.js'
import { dailyGoalMinutes, minutesChart } from './chart-minutes.js'
import { sportsChart } from './chart-sports.js'
import { zonesChart } from './chart-zones.js'
import { formatDateRange, formatMinutes, formatNumber, formatSigned } from './display-format.js'
import { escapeHtml } from './escape-html.js'
import { complianceSentence, goalLines } from './goal-lines.js'
import { chartFigure, htmlPage } from './html-page.js'
import { sessionsTable } from './sessions-table.js'

export interface RenderHtmlOptions {
  /** The document title; default 'Week 2026-W47 · fitledger'. */
  readonly title?: string
  /** A line under the heading, e.g. the person's name; shown as text. */
  readonly subtitle?: string
}

function badges(agg: WeekAggregate): string {
  const items = goalLines(agg).map(
    (g) =>
      `<li class="badge ${g.state}"><span class="name">${escapeHtml(g.label)}</span>` +
      `<span class="state">${g.state}</span><span class="detail">${escapeHtml(g.detail)}</span></li>`,
  )
  return `<ul class="goals" aria-label="Weekly goals">\n${items.join('\n')}\n</ul>`
}

function stat(label: string, value: string): string {
  return `<div class="stat"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`
}

function stats(agg: WeekAggregate): string {
  const e = agg.energy
  const unknown = 'no log'
  const items = [
    stat('Sessions', String(agg.sessions.length)),
    stat('Cardio time', formatMinutes(agg.cardio.minutes)),
    stat('Exercise energy', `${formatNumber(e.exercise_kcal)} kcal`),
    stat('Balance (logged days)', e.balance_kcal === null ? unknown : `${formatSigned(e.balance_kcal)} kcal`),
    stat('Projected change', e.projected_weight_change_kg === null ? unknown : `${formatSigned(e.projected_weight_change_kg, 2)} kg`),
    stat('Days logged', `${e.logged_days} of 7`),
  ]
  return `<dl class="stats">${items.join('')}</dl>`
}

function header(agg: WeekAggregate, options: RenderHtmlOptions): string {
  const sub = options.subtitle === undefined ? '' : `<p>${escapeHtml(options.subtitle)}</p>`
  const c = agg.compliance
  const score = c.score === null ? '—' : `${formatNumber(c.score * 100)}%`
  return (
    `<header>\n<h1>Week ${escapeHtml(agg.week)}</h1>\n${sub}` +
    `<p>${escapeHtml(formatDateRange(agg.from, agg.to))} · ${escapeHtml(agg.time_zone)}</p>\n` +
    `<p class="score"><strong>${escapeHtml(score)}</strong> ${escapeHtml(complianceSentence(agg))}</p>\n</header>`
  )
}

function notes(agg: WeekAggregate): string {
  const g = agg.goals
  const lines = [
    `Baseline ${formatNumber(agg.energy.baseline_kcal_per_day)} kcal/day (Mifflin–St Jeor × ${g.activity_factor}). ` +
      `Balance = intake − (baseline + exercise), on logged days only.`,
  ]
  if (agg.assumed.length > 0) {
    lines.push(`Not in your profile, so assumed: ${agg.assumed.join(', ')}. Add them for a truer baseline.`)
  }
  return lines.map((l) => `<p class="note">${escapeHtml(l)}</p>`).join('\n')
}

export function renderHtml(agg: WeekAggregate, options: RenderHtmlOptions = {}): string {
  const goalShare = formatNumber(dailyGoalMinutes(agg), 1)
  const charts = [
    chartFigure('Moving minutes per day', `Dashed line: a day's share of the cardio goal (${goalShare} min).`, minutesChart(agg)),
    chartFigure('Sessions by sport', 'Number of sessions and their moving time.', sportsChart(agg)),
    chartFigure('Time in heart-rate zones', 'Zones as % of heart-rate reserve.', zonesChart(agg)),
    chartFigure('Energy balance per day', 'Below zero is a deficit. Days without a food log are unknown.', balanceChart(agg)),
  ]
  const body = [
    header(agg, options),
    badges(agg),
    stats(agg),
    `<section class="charts" aria-label="Charts">\n${charts.join('\n')}\n</section>`,
    sessionsTable(agg),
    notes(agg),
  ].join('\n')
  return htmlPage(options.title ?? `Week ${agg.week} · fitledger`, body)
}
