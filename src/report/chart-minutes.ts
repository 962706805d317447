/**
 * Moving minutes per day against the day's share of the cardio goal: cardio_sessions ×
 * cardio_min_minutes / 7 (3 × 30 / 7 ≈ 12.9 min). A bar at or over the line is a day on pace.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatDayMonth, formatNumber } from './display-format.js'
import { WIDE_PLOT, linearScale, n, niceTicks, plotWidth, svgOpen, svgText, svgYGrid } from './svg-chart.js'

export function dailyGoalMinutes(agg: WeekAggregate): number {
  return (agg.goals.cardio_sessions * agg.goals.cardio_min_minutes) / 7
}

export function minutesChart(agg: WeekAggregate): string {
  const p = WIDE_PLOT
  const goal = dailyGoalMinutes(agg)
  const ticks = niceTicks(0, Math.max(goal * 1.5, ...agg.days.map((d) => d.moving_min)))
  const y = linearScale(0, ticks[ticks.length - 1] ?? 1, p.height - p.bottom, p.top)
  const slot = plotWidth(p) / agg.days.length
  const barW = slot * 0.6
  const desc =
    `Moving minutes per day; the line marks the daily share of the cardio goal, ${formatNumber(goal, 1)} min. ` +
    agg.days.map((d) => `${d.weekday} ${formatNumber(d.moving_min)} min`).join(', ') + '.'
  const bars = agg.days
    .map((d, i) => {
      const x = p.left + i * slot + (slot - barW) / 2
      const top = y(d.moving_min)
      const cls = d.moving_min >= goal ? 'bar on-pace' : 'bar'
      return (
        `<rect x="${n(x)}" y="${n(top)}" width="${n(barW)}" height="${n(y(0) - top)}" class="${cls}" rx="3"/>` +
        (d.moving_min > 0 ? svgText(x + barW / 2, top - 5, formatNumber(d.moving_min), 'value') : '') +
        svgText(x + barW / 2, p.height - p.bottom + 16, d.weekday, 'tick') +
        svgText(x + barW / 2, p.height - p.bottom + 30, formatDayMonth(d.date), 'tick small')
      )
    })
    .join('')
  const goalY = y(goal)
  return (
    svgOpen('chart-minutes', 'Moving minutes per day', desc, p) +
    svgYGrid(p, ticks, y, (t) => formatNumber(t)) +
    bars +
    `<line x1="${p.left}" x2="${p.width - p.right}" y1="${n(goalY)}" y2="${n(goalY)}" class="goal-line"/>` +
    svgText(p.width - p.right, goalY - 6, `goal share ${formatNumber(goal, 1)} min/day`, 'goal-label', 'end') +
    '</svg>'
  )
}
