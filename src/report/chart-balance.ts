/**
 * Energy balance per day (REGIMEN.md, Energy): below the line is a deficit, above a surplus. A
 * day with no log is unknown, never zero, so it is drawn as an outlined 'no log' slot, not a bar.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatNumber, formatSigned } from './display-format.js'
import { WIDE_PLOT, linearScale, n, niceTicks, plotWidth, svgOpen, svgText, svgYGrid } from './svg-chart.js'

export function balanceChart(agg: WeekAggregate): string {
  const p = WIDE_PLOT
  const target = -agg.goals.daily_deficit_kcal
  const values = agg.days.flatMap((d) => (d.balance_kcal === null ? [] : [d.balance_kcal]))
  // 15% headroom both ways keeps value labels inside the plot.
  const ticks = niceTicks(Math.min(0, target * 1.3, ...values) * 1.15, Math.max(0, ...values) * 1.15)
  const y = linearScale(ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1, p.height - p.bottom, p.top)
  const slot = plotWidth(p) / agg.days.length
  const barW = slot * 0.6
  const desc =
    `Daily energy balance, intake minus baseline and exercise; target ${formatSigned(target)} kcal. ` +
    agg.days
      .map((d) => `${d.weekday} ${d.balance_kcal === null ? 'no log' : `${formatSigned(d.balance_kcal)} kcal${d.low_intake ? ' (intake below minimum)' : ''}`}`)
      .join(', ') + '.'
  const bars = agg.days
    .map((d, i) => {
      const x = p.left + i * slot + (slot - barW) / 2
      const cx = x + barW / 2
      const label = svgText(cx, p.height - p.bottom + 16, d.weekday, 'tick')
      if (d.balance_kcal === null) {
        return (
          `<rect x="${n(x)}" y="${p.top}" width="${n(barW)}" height="${n(p.height - p.bottom - p.top)}" class="no-log" rx="3"/>` +
          svgText(cx, (p.top + p.height - p.bottom) / 2 + 4, 'no log', 'no-log-label') +
          label
        )
      }
      const top = Math.min(y(d.balance_kcal), y(0))
      const cls = d.low_intake ? 'bar low-intake' : d.balance_kcal <= 0 ? 'bar deficit' : 'bar surplus'
      const valueY = d.balance_kcal <= 0 ? y(d.balance_kcal) + 14 : y(d.balance_kcal) - 5
      return (
        `<rect x="${n(x)}" y="${n(top)}" width="${n(barW)}" height="${n(Math.abs(y(d.balance_kcal) - y(0)))}" class="${cls}" rx="3"/>` +
        svgText(cx, valueY, formatSigned(d.balance_kcal), 'value') +
        (d.low_intake ? svgText(cx, p.height - p.bottom + 30, 'low intake', 'tick small warn') : '') +
        label
      )
    })
    .join('')
  return (
    svgOpen('chart-balance', 'Energy balance per day', desc, p) +
    svgYGrid(p, ticks, y, (t) => formatSigned(t)) +
    bars +
    `<line x1="${p.left}" x2="${p.width - p.right}" y1="${n(y(target))}" y2="${n(y(target))}" class="goal-line"/>` +
    svgText(p.width - p.right, y(target) - 6, `target ${formatNumber(target)} kcal/day`, 'goal-label', 'end') +
    '</svg>'
  )
}
