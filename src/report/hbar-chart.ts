/** A horizontal bar chart: one labelled row per item. Sessions by sport and time in zones use it. */
import { escapeHtml } from './escape-html.js'
import { type Plot, linearScale, n, plotWidth, svgEmpty, svgOpen, svgText } from './svg-chart.js'

export interface HBarRow {
  readonly label: string
  readonly value: number
  readonly valueLabel: string
  readonly cls: string // CSS class of the bar
}

export interface HBarSpec {
  readonly id: string
  readonly title: string
  readonly desc: string
  readonly empty: string // said instead of bars when every value is 0
  readonly rows: readonly HBarRow[]
}

const ROW_H = 34
const LABEL_W = 110

export function hbarChart(spec: HBarSpec): string {
  const rows = spec.rows
  const max = Math.max(0, ...rows.map((r) => r.value))
  const p: Plot = { width: 640, height: Math.max(3, rows.length) * ROW_H + 24, left: LABEL_W, right: 120, top: 12, bottom: 12 }
  if (max === 0) return svgOpen(spec.id, spec.title, spec.desc, p) + svgEmpty(p, spec.empty) + '</svg>'
  const x = linearScale(0, max, p.left, p.left + plotWidth(p))
  const body = rows
    .map((r, i) => {
      const top = p.top + i * ROW_H
      const w = Math.max(x(r.value) - p.left, r.value > 0 ? 2 : 0)
      return (
        svgText(p.left - 8, top + ROW_H / 2 + 4, r.label, 'label', 'end') +
        `<rect x="${p.left}" y="${n(top + 6)}" width="${n(w)}" height="${ROW_H - 12}" class="${escapeHtml(r.cls)}" rx="3"/>` +
        svgText(p.left + w + 6, top + ROW_H / 2 + 4, r.valueLabel, 'value', 'start')
      )
    })
    .join('')
  return svgOpen(spec.id, spec.title, spec.desc, p) + body + '</svg>'
}
