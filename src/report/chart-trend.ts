/**
 * Trend charts over a run of weeks: the compliance score as a line (a gap where no goal could be
 * judged) and the weekly energy balance as bars (an outlined slot where nothing was logged).
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatNumber, formatSigned } from './display-format.js'
import { AXIS_ROW_1, WIDE_PLOT, linearScale, n, niceTicks, plotWidth, svgEmpty, svgOpen, svgText, svgYGrid } from './svg-chart.js'

/** At most about 12 week labels fit the width; the others are left blank. */
function labelEvery(count: number): number {
  return Math.max(1, Math.ceil(count / 12))
}

function weekLabels(aggs: readonly WeekAggregate[], x: (i: number) => number): string {
  const every = labelEvery(aggs.length)
  const p = WIDE_PLOT
  return aggs.map((a, i) => (i % every === 0 ? svgText(x(i), p.height - p.bottom + AXIS_ROW_1, a.week.slice(5), 'tick') : '')).join('')
}

export function scoreTrendChart(aggs: readonly WeekAggregate[]): string {
  const p = WIDE_PLOT
  const desc =
    'Compliance score per week: ' +
    aggs.map((a) => `${a.week} ${a.compliance.score === null ? 'unknown' : `${formatNumber(a.compliance.score * 100)}%`}`).join(', ') +
    '.'
  if (aggs.length === 0)
    return svgOpen('chart-score-trend', 'Compliance score per week', 'No weeks.', p) + svgEmpty(p, 'No weeks') + '</svg>'
  const slot = plotWidth(p) / aggs.length
  const x = (i: number): number => p.left + slot * (i + 0.5)
  const y = linearScale(0, 1, p.height - p.bottom, p.top)
  // Break the line at an unknown week rather than draw through it.
  const segments: string[][] = [[]]
  aggs.forEach((a, i) => {
    const score = a.compliance.score
    if (score === null) segments.push([])
    else segments[segments.length - 1]?.push(`${n(x(i))},${n(y(score))}`)
  })
  const lines = segments
    .filter((s) => s.length > 1)
    .map((s) => `<polyline points="${s.join(' ')}" class="line"/>`)
    .join('')
  const dots = aggs
    .map((a, i) => (a.compliance.score === null ? '' : `<circle cx="${n(x(i))}" cy="${n(y(a.compliance.score))}" r="4" class="dot"/>`))
    .join('')
  return (
    svgOpen('chart-score-trend', 'Compliance score per week', desc, p) +
    svgYGrid(p, [0, 0.25, 0.5, 0.75, 1], y, (t) => `${t * 100}%`) +
    lines +
    dots +
    weekLabels(aggs, x) +
    '</svg>'
  )
}

export function balanceTrendChart(aggs: readonly WeekAggregate[]): string {
  const p = WIDE_PLOT
  const values = aggs.flatMap((a) => (a.energy.balance_kcal === null ? [] : [a.energy.balance_kcal]))
  const desc =
    'Energy balance per week over logged days: ' +
    aggs.map((a) => `${a.week} ${a.energy.balance_kcal === null ? 'no log' : `${formatSigned(a.energy.balance_kcal)} kcal`}`).join(', ') +
    '.'
  if (aggs.length === 0)
    return svgOpen('chart-balance-trend', 'Energy balance per week', 'No weeks.', p) + svgEmpty(p, 'No weeks') + '</svg>'
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values))
  const y = linearScale(ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1, p.height - p.bottom, p.top)
  const slot = plotWidth(p) / aggs.length
  const barW = slot * 0.6
  const x = (i: number): number => p.left + slot * (i + 0.5)
  const bars = aggs
    .map((a, i) => {
      const b = a.energy.balance_kcal
      if (b === null)
        return `<rect x="${n(x(i) - barW / 2)}" y="${p.top}" width="${n(barW)}" height="${n(p.height - p.top - p.bottom)}" class="no-log" rx="2"/>`
      const top = Math.min(y(b), y(0))
      return `<rect x="${n(x(i) - barW / 2)}" y="${n(top)}" width="${n(barW)}" height="${n(Math.abs(y(b) - y(0)))}" class="bar ${b <= 0 ? 'deficit' : 'surplus'}" rx="2"/>`
    })
    .join('')
  return (
    svgOpen('chart-balance-trend', 'Energy balance per week', desc, p) +
    svgYGrid(p, ticks, y, (t) => formatSigned(t)) +
    bars +
    weekLabels(aggs, x) +
    '</svg>'
  )
}
