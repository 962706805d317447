/**
 * What every inline SVG chart shares: the frame with its accessible name (title + desc, read by
 * screen readers through role="img"), tidy axis ticks, and short coordinates. Colours come from
 * CSS classes in html-style.ts, so one stylesheet themes every chart (dark mode included).
 */
import { escapeHtml } from './escape-html.js'

export interface Plot {
  readonly width: number
  readonly height: number
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

/** A wide chart that still reads on a 360 px phone: the viewBox scales, text stays ≥ 11 px there. */
export const WIDE_PLOT: Plot = { width: 640, height: 264, left: 52, right: 16, top: 20, bottom: 44 }

/**
 * Baselines of the two rows of axis labels under a plot, below its bottom edge: 18 units apart,
 * so that 15 px text (the phone size, html-style.ts) in one row never touches the other.
 */
export const AXIS_ROW_1 = 16
export const AXIS_ROW_2 = 34

export const plotWidth = (p: Plot): number => p.width - p.left - p.right

/** A coordinate with at most one decimal: smaller pages, stable snapshots. */
export function n(value: number): string {
  return String(Math.round(value * 10) / 10)
}

/** Opens a chart. `id` must be unique in the page (it names the title and desc). */
export function svgOpen(id: string, title: string, desc: string, p: Plot): string {
  return (
    `<svg class="chart" viewBox="0 0 ${p.width} ${p.height}" role="img" aria-labelledby="${id}-title ${id}-desc"` +
    ` xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(desc)}</desc>`
  )
}

export function svgText(x: number, y: number, text: string, cls: string, anchor: 'start' | 'middle' | 'end' = 'middle'): string {
  return `<text x="${n(x)}" y="${n(y)}" class="${cls}" text-anchor="${anchor}">${escapeHtml(text)}</text>`
}

/** The centred message of a chart with nothing to show: an empty chart must not look like zeros. */
export function svgEmpty(p: Plot, message: string): string {
  return svgText(p.width / 2, p.height / 2, message, 'empty')
}

/** A step of 1, 2 or 5 × 10^k that splits `span` into about `count` parts. */
export function niceStep(span: number, count = 4): number {
  if (!(span > 0)) return 1
  const raw = span / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)
  return step ?? 10 * magnitude
}

/** Ticks from a multiple of the step at or below `min` to one at or above `max`. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  const step = niceStep(max - min, count)
  const first = Math.floor(min / step) * step
  const last = Math.ceil(max / step) * step
  const ticks: number[] = []
  for (let t = first; t <= last + step / 2; t += step) ticks.push(Math.round(t / step) * step)
  return ticks
}

/** A linear scale from [d0, d1] onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1
  return (v) => r0 + ((v - d0) / span) * (r1 - r0)
}

/** Horizontal grid lines with their labels on the left. */
export function svgYGrid(p: Plot, ticks: readonly number[], y: (v: number) => number, label: (v: number) => string): string {
  return ticks
    .map(
      (t) =>
        `<line x1="${p.left}" x2="${p.width - p.right}" y1="${n(y(t))}" y2="${n(y(t))}" class="${t === 0 ? 'axis' : 'grid'}"/>` +
        svgText(p.left - 6, y(t) + 4, label(t), 'tick', 'end'),
    )
    .join('')
}
