/**
 * Energy balance per day (REGIMEN.md, Energy): below the line is a deficit, above a surplus. A
 * day with no log is unknown, never zero, so it is drawn as an outlined 'no log' slot, not a bar.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatNumber, formatSigned } from './display-format.js'
import { type Box, type Label, hLineBox, labelBox, lineLabelPlaces, placeLabel, rectBox, renderLabel } from './label-layout.js'
import { AXIS_ROW_1, AXIS_ROW_2, WIDE_PLOT, linearScale, n, niceTicks, plotWidth, svgOpen, svgText, svgYGrid } from './svg-chart.js'

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
      .map(
        (d) =>
          `${d.weekday} ${d.balance_kcal === null ? 'no log' : `${formatSigned(d.balance_kcal)} kcal${d.low_intake ? ' (intake below minimum)' : ''}`}`,
      )
      .join(', ') +
    '.'
  const targetY = y(target)
  const bars: string[] = []
  const taken: Box[] = [] // labels already placed
  const barBoxes: Box[] = []
  agg.days.forEach((d, i) => {
    const x = p.left + i * slot + (slot - barW) / 2
    const cx = x + barW / 2
    bars.push(svgText(cx, p.height - p.bottom + AXIS_ROW_1, d.weekday, 'tick'))
    if (d.balance_kcal === null) {
      bars.push(`<rect x="${n(x)}" y="${p.top}" width="${n(barW)}" height="${n(p.height - p.bottom - p.top)}" class="no-log" rx="3"/>`)
      // In the empty slot, wherever neither the target line nor the zero line runs.
      const lines = [hLineBox(p.left, p.width - p.right, targetY), hLineBox(p.left, p.width - p.right, y(0))]
      const places = [0.5, 0.3, 0.7, 0.15, 0.85].map((f) => ({
        x: cx,
        y: p.top + f * (p.height - p.bottom - p.top) + 4,
        text: 'no log',
        cls: 'no-log-label',
        anchor: 'middle' as const,
      }))
      const label = placeLabel(places, [...taken, ...lines])
      taken.push(labelBox(label))
      bars.push(renderLabel(label))
      return
    }
    const top = Math.min(y(d.balance_kcal), y(0))
    const height = Math.abs(y(d.balance_kcal) - y(0))
    const cls = d.low_intake ? 'bar low-intake' : d.balance_kcal <= 0 ? 'bar deficit' : 'bar surplus'
    const value: Label = {
      x: cx,
      y: d.balance_kcal <= 0 ? y(d.balance_kcal) + 14 : y(d.balance_kcal) - 5,
      text: formatSigned(d.balance_kcal),
      cls: 'value',
      anchor: 'middle',
    }
    taken.push(labelBox(value))
    barBoxes.push(rectBox(x, top, barW, height))
    bars.push(
      `<rect x="${n(x)}" y="${n(top)}" width="${n(barW)}" height="${n(height)}" class="${cls}" rx="3"/>` +
        renderLabel(value) +
        (d.low_intake ? svgText(cx, p.height - p.bottom + AXIS_ROW_2, 'low intake', 'tick small warn') : ''),
    )
  })
  const targetLabel = placeLabel(lineLabelPlaces(`target ${formatNumber(target)} kcal/day`, 'goal-label', p, targetY), taken, barBoxes)
  return (
    svgOpen('chart-balance', 'Energy balance per day', desc, p) +
    svgYGrid(p, ticks, y, (t) => formatSigned(t)) +
    `<line x1="${p.left}" x2="${p.width - p.right}" y1="${n(targetY)}" y2="${n(targetY)}" class="goal-line"/>` +
    bars.join('') +
    renderLabel(targetLabel) +
    '</svg>'
  )
}
