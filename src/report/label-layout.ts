/**
 * Where a chart's movable labels go so that none covers another. Each label lists the places it
 * may stand, best first, and takes the first one that is free of everything already placed.
 * Text is measured by estimate (no fonts in the pure core), sized for the largest font the
 * stylesheet gives that class: the phone layout, where the chart shrinks and text does not.
 */
import { type Plot, svgText } from './svg-chart.js'

export interface Box {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

export interface Label {
  readonly x: number
  /** The baseline, as SVG text has it. */
  readonly y: number
  readonly text: string
  readonly cls: string
  readonly anchor: 'start' | 'middle' | 'end'
}

// html-style.ts: phone sizes (max-width 520px) are the largest; `small` text is 13 px there.
const FONT_PX_LARGEST = 15
const FONT_PX_SMALL = 13
// An average glyph of the system UI fonts is about 0.55 em wide; 0.62 leaves room for wide digits.
const GLYPH_EM = 0.62

export function labelBox(l: Label): Box {
  const px = l.cls.split(' ').includes('small') ? FONT_PX_SMALL : FONT_PX_LARGEST
  const width = l.text.length * px * GLYPH_EM
  const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - width : l.x - width / 2
  // Ascent about 0.8 em above the baseline, descent 0.25 em below.
  return { x0, y0: l.y - px * 0.8, x1: x0 + width, y1: l.y + px * 0.25 }
}

export const rectBox = (x: number, y: number, w: number, h: number): Box => ({ x0: x, y0: y, x1: x + w, y1: y + h })

/** A horizontal line, as a box a label must keep clear of. */
export const hLineBox = (x0: number, x1: number, y: number): Box => ({ x0, y0: y - 1.5, x1, y1: y + 1.5 })

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
  return w > 0 && h > 0 ? w * h : 0
}

/**
 * The first candidate clear of every hard obstacle (other labels) and soft one (bars, lines); else
 * the first clear of the hard ones; else the one that covers least. A label covering a bar is
 * still legible (it has a halo); a label covering a label is not.
 */
export function placeLabel(candidates: readonly Label[], hard: readonly Box[], soft: readonly Box[] = []): Label {
  const covered = (l: Label, boxes: readonly Box[]) => boxes.reduce((sum, b) => sum + overlapArea(labelBox(l), b), 0)
  const first = candidates[0]
  if (first === undefined) throw new Error('placeLabel needs at least one candidate')
  return (
    candidates.find((l) => covered(l, hard) === 0 && covered(l, soft) === 0) ??
    candidates.find((l) => covered(l, hard) === 0) ??
    candidates.reduce((best, l) => (covered(l, hard) < covered(best, hard) ? l : best), first)
  )
}

export const renderLabel = (l: Label): string => svgText(l.x, l.y, l.text, l.cls, l.anchor)

/**
 * The places for the label of a horizontal reference line (a goal, a target), best first: just
 * above or below the line at its right end, then sliding left along it; never outside the chart
 * or over the axis labels below the plot.
 */
export function lineLabelPlaces(text: string, cls: string, p: Plot, y: number): Label[] {
  const right = p.width - p.right
  const width = labelBox({ x: 0, y: 0, text, cls, anchor: 'start' }).x1
  const places: Label[] = []
  for (let x = right; x - width >= p.left; x -= LINE_LABEL_STEP) {
    for (const baseline of [y - 6, y + 16]) places.push({ x, y: baseline, text, cls, anchor: 'end' })
  }
  const inside = places.filter((l) => {
    const b = labelBox(l)
    return b.y0 >= 0 && b.y1 <= p.height - p.bottom
  })
  // A label wider than the plot, or a line at its very edge: the right end, as before layout.
  return inside.length > 0 ? inside : [{ x: right, y: y - 6, text, cls, anchor: 'end' }]
}

/** How far apart, in chart units, the places along a line are tried. */
const LINE_LABEL_STEP = 8
