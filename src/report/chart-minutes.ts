/**
 * Moving minutes per day against the day's share of the cardio goal: cardio_sessions ×
 * cardio_min_minutes / 7 (3 × 30 / 7 ≈ 12.9 min). A day whose cardio part reaches the line is on
 * pace; other sessions (strength, yoga) are stacked above it in a colour of their own.
 */
import { isCardio } from '../aggregate/session-rules.js'
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatDayMonth, formatNumber } from './display-format.js'
import { type Box, type Label, labelBox, lineLabelPlaces, placeLabel, rectBox, renderLabel } from './label-layout.js'
import { AXIS_ROW_1, AXIS_ROW_2, WIDE_PLOT, linearScale, n, niceTicks, plotWidth, svgOpen, svgText, svgYGrid } from './svg-chart.js'

export function dailyGoalMinutes(agg: WeekAggregate): number {
  return (agg.goals.cardio_sessions * agg.goals.cardio_min_minutes) / 7
}

/** Moving minutes of the day's cardio sessions: the part that counts toward the goal. */
function cardioMinutes(agg: WeekAggregate, date: string): number {
  return agg.sessions.filter((s) => s.date === date && isCardio(s)).reduce((sum, s) => sum + s.moving_min, 0)
}

export function minutesChart(agg: WeekAggregate): string {
  const p = WIDE_PLOT
  const goal = dailyGoalMinutes(agg)
  const ticks = niceTicks(0, Math.max(goal * 1.5, ...agg.days.map((d) => d.moving_min)))
  const y = linearScale(0, ticks[ticks.length - 1] ?? 1, p.height - p.bottom, p.top)
  const slot = plotWidth(p) / agg.days.length
  const barW = slot * 0.6
  const desc =
    `Moving minutes per day, cardio at the base of each bar; the line marks the daily share of the cardio goal, ${formatNumber(goal, 1)} min. ` +
    agg.days.map((d) => `${d.weekday} ${formatNumber(d.moving_min)} min`).join(', ') +
    '.'
  const bars: string[] = []
  const values: Label[] = []
  const barBoxes: Box[] = []
  agg.days.forEach((d, i) => {
    const x = p.left + i * slot + (slot - barW) / 2
    const cardio = cardioMinutes(agg, d.date)
    const top = y(d.moving_min)
    const cardioTop = y(cardio)
    // The cardio part sits at the base, in the colour of what counts; the rest (strength, yoga…) above it.
    const cls = cardio >= goal ? 'bar on-pace' : 'bar'
    bars.push(
      `<rect x="${n(x)}" y="${n(cardioTop)}" width="${n(barW)}" height="${n(y(0) - cardioTop)}" class="${cls}" rx="3"/>` +
        (d.moving_min > cardio
          ? `<rect x="${n(x)}" y="${n(top)}" width="${n(barW)}" height="${n(cardioTop - top)}" class="bar not-cardio" rx="3"/>`
          : '') +
        svgText(x + barW / 2, p.height - p.bottom + AXIS_ROW_1, d.weekday, 'tick') +
        svgText(x + barW / 2, p.height - p.bottom + AXIS_ROW_2, formatDayMonth(d.date), 'tick small'),
    )
    barBoxes.push(rectBox(x, top, barW, y(0) - top))
    if (d.moving_min > 0) values.push({ x: x + barW / 2, y: top - 5, text: formatNumber(d.moving_min), cls: 'value', anchor: 'middle' })
  })
  const goalY = y(goal)
  const goalLabel = placeLabel(
    lineLabelPlaces(`goal share ${formatNumber(goal, 1)} min/day`, 'goal-label', p, goalY),
    values.map(labelBox),
    barBoxes,
  )
  return (
    svgOpen('chart-minutes', 'Moving minutes per day', desc, p) +
    svgYGrid(p, ticks, y, (t) => formatNumber(t)) +
    bars.join('') +
    `<line x1="${p.left}" x2="${p.width - p.right}" y1="${n(goalY)}" y2="${n(goalY)}" class="goal-line"/>` +
    values.map(renderLabel).join('') +
    renderLabel(goalLabel) +
    '</svg>'
  )
}
