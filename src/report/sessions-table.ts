/** The week's sessions as an HTML table; every name is escaped, a missing one shows as a dash. */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatDayMonth, formatNumber } from './display-format.js'
import { escapeHtml } from './escape-html.js'

const HEAD = ['Day', 'Time', 'Sport', 'Name', 'Minutes', 'km', 'kcal', 'Intervals', 'Cardio goal']
const NUMERIC = new Set(['Minutes', 'km', 'kcal'])

export function sessionsTable(agg: WeekAggregate): string {
  const head = HEAD.map((h) => `<th scope="col"${NUMERIC.has(h) ? ' class="num"' : ''}>${h}</th>`).join('')
  const rows = agg.sessions.map((s) => {
    const cells = [
      `<td>${escapeHtml(formatDayMonth(s.date))}</td>`,
      `<td>${escapeHtml(s.local_time)}</td>`,
      `<td>${escapeHtml(s.sport)}</td>`,
      `<td class="name">${s.name === null || s.name === '' ? '—' : escapeHtml(s.name)}</td>`,
      `<td class="num">${formatNumber(s.moving_min)}</td>`,
      `<td class="num">${s.distance_m === null ? '—' : formatNumber(s.distance_m / 1000, 2)}</td>`,
      `<td class="num">${formatNumber(s.kcal)}</td>`,
      `<td>${s.intervals ? 'yes' : ''}</td>`,
      `<td>${s.qualifying ? 'counts' : ''}</td>`,
    ]
    return `<tr>${cells.join('')}</tr>`
  })
  const body = rows.length > 0 ? rows.join('\n') : `<tr><td colspan="${HEAD.length}">No sessions this week.</td></tr>`
  return (
    `<section class="table"><div class="scroll"><table>\n<caption>Sessions (${agg.sessions.length})</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div></section>`
  )
}
