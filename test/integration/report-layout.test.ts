import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WeekActivity } from '../../src/aggregate/week-types.js'
import { aggregateWeek } from '../../src/aggregate/week.js'
import { renderHtml } from '../../src/report/render-html.js'
import { WORKED_PROFILE } from '../unit/aggregate/worked-week.js'
import { ARTIFACTS, openBrowser, type TestBrowser, VIEWPORTS, withPage } from '../helpers/browser.js'

// The report's charts in Chromium: no label may cover another, at desktop and phone widths, and
// a session is coloured by what it counts toward. The week is built to provoke every collision
// the charts once had (the arithmetic is in the comments; goals are REGIMEN.md's defaults).

const session = (a: Pick<WeekActivity, 'id' | 'start_time' | 'sport' | 'moving_s' | 'energy_kcal'>): WeekActivity => ({
  intervals: false,
  distance_m: null,
  hr_zones_s: [0, 0, 0, 0, 0],
  name: null,
  ...a,
})

// Baseline 2106 kcal/day (worked-week.ts). The daily goal share is 3 × 30 / 7 = 12.9 min.
const html = renderHtml(
  aggregateWeek({
    week: '2026-W47',
    profile: WORKED_PROFILE,
    activities: [
      // Monday: a long run, so Monday's balance is deep: 2010 − (2106 + 764) = −860, and the scale runs −1000…0,
      // which puts the −500 target line at the middle of the plot, where a 'no log' label used to sit.
      session({ id: 'run-mon', start_time: '2026-11-16T06:00:00Z', sport: 'running', moving_s: 3600, energy_kcal: 764 }),
      // Friday: only yoga, 60 min: not cardio, so it must not look like the runs.
      session({ id: 'yoga-fri', start_time: '2026-11-20T17:00:00Z', sport: 'other', moving_s: 3600, energy_kcal: 150 }),
      // Sunday: 14 min, just over the 12.9 min line, at the right end where the line's label stood.
      session({ id: 'run-sun', start_time: '2026-11-22T08:00:00Z', sport: 'running', moving_s: 840, energy_kcal: 100 }),
    ],
    intake: [
      { date: '2026-11-16', kcal: 2010, water_ml: null, protein_g: null },
      // Sunday: 1736 − (2106 + 100) = −470, its value label just above the −500 target, at the right end.
      { date: '2026-11-22', kcal: 1736, water_ml: null, protein_g: null },
    ],
  }),
)

interface Rect {
  x: number
  y: number
  width: number
  height: number
}
// The page's own function, for callbacks that run in the browser (the project compiles without the DOM library).
declare const getComputedStyle: (element: unknown) => { fill: string }
const intersect = (a: Rect, b: Rect): boolean =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5

/** Every text of every chart with its box on screen, and each chart's goal lines. */
async function chartGeometry(page: Page) {
  return page.$$eval('svg.chart', (charts) =>
    charts.map((svg) => {
      type Shape = { textContent: string | null; getAttribute(name: string): string | null; getBoundingClientRect(): Rect }
      const all = (selector: string) => Array.from(svg.querySelectorAll(selector) as ArrayLike<Shape>)
      const box = (e: Shape): Rect => {
        const r = e.getBoundingClientRect()
        return { x: r.x, y: r.y, width: r.width, height: r.height }
      }
      return {
        id: svg.getAttribute('aria-labelledby')?.split('-title')[0] ?? '',
        texts: all('text').map((t) => ({ text: t.textContent ?? '', cls: t.getAttribute('class') ?? '', box: box(t) })),
        // A horizontal line's box has no height: give it the stroke's.
        lines: all('line.goal-line').map((l) => ({ ...box(l), y: box(l).y - 1, height: 2 })),
      }
    }),
  )
}

let browser: TestBrowser
beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each(VIEWPORTS)('the charts on a $name', ({ name, viewport }) => {
  it('lay out their labels so that none covers another, nor a label sits on a goal line', () =>
    withPage(browser, viewport, async (page) => {
      await page.setContent(html)
      const charts = await chartGeometry(page)
      expect(charts.map((c) => c.id)).toEqual(['chart-minutes', 'chart-sports', 'chart-zones', 'chart-balance'])
      const collisions: string[] = []
      for (const chart of charts) {
        chart.texts.forEach((a, i) => {
          for (const b of chart.texts.slice(i + 1)) {
            if (intersect(a.box, b.box)) collisions.push(`${chart.id}: "${a.text}" covers "${b.text}"`)
          }
          if (a.cls.includes('no-log') && chart.lines.some((l) => intersect(a.box, l))) {
            collisions.push(`${chart.id}: "${a.text}" sits on the goal line`)
          }
        })
      }
      await page.screenshot({ path: join(ARTIFACTS, `report-layout-${name}.png`), fullPage: true })
      expect(collisions).toEqual([])
      // The provoking labels are all there, so the check above had something to check.
      const texts = charts.flatMap((c) => c.texts.map((t) => t.text))
      expect(texts).toEqual(expect.arrayContaining(['14', '−470', 'no log', 'goal share 12.9 min/day', 'target −500 kcal/day']))
    }))

  it('colours a session by what it counts toward: yoga is not drawn as cardio', () =>
    withPage(browser, viewport, async (page) => {
      await page.setContent(html)
      // Each day's bars in the minutes chart, by the slot their centre falls in (Mon = 0 … Sun = 6).
      const fills = await page.$$eval('svg.chart[aria-labelledby^="chart-minutes"] rect', (rects) =>
        rects
          .filter((r) => Number(r.getAttribute('height')) > 0)
          .map((r) => ({ x: Number(r.getAttribute('x')) + Number(r.getAttribute('width')) / 2, fill: getComputedStyle(r).fill })),
      )
      const day = (i: number) => fills.filter((f) => f.x > 52 + i * 81.7 && f.x < 52 + (i + 1) * 81.7).map((f) => f.fill)
      const runFills = [...day(0), ...day(6)]
      expect(runFills.length).toBeGreaterThan(0)
      expect(day(4).length).toBeGreaterThan(0)
      for (const fill of day(4)) expect(runFills).not.toContain(fill)
      const sportFill = (sport: string) =>
        page.$$eval(
          'svg.chart[aria-labelledby^="chart-sports"] text.label',
          (labels, s) => {
            const i = labels.findIndex((l) => l.textContent === s)
            const rect = labels[i]?.parentElement?.querySelectorAll('rect')[i]
            return rect ? getComputedStyle(rect).fill : null
          },
          sport,
        )
      expect(await sportFill('running')).not.toBeNull()
      expect(await sportFill('other')).not.toEqual(await sportFill('running'))
    }))
})
