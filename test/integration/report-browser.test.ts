import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, openBrowser, type TestBrowser, VIEWPORTS, withPage } from '../helpers/browser.js'
import { type Stack, startStack } from '../helpers/stack.js'
import { aggregationIdle, uploadSession } from '../helpers/weekly.js'

// The HTML report in a real browser: Debian's chromium, driven by playwright-core.
const MARKUP = '<img src=x onerror="document.title=\'pwned\'"><b>Tempo</b> & co'

let stack: Stack
let browser: TestBrowser
let url: string
let headers: { authorization: string }

beforeAll(async () => {
  stack = await startStack()
  const user = await stack.user()
  headers = user.headers
  await stack.app.inject({
    method: 'PUT',
    url: '/v1/profile',
    headers,
    payload: { sex: 'female', birth_year: 1988, weight_kg: 64, height_cm: 168, time_zone: 'Europe/Berlin' },
  })
  const run = await uploadSession(stack, headers, { start: '2026-11-16T06:00:00Z', sport: 'running', minutes: 40, hr: 150, kcal: 420 })
  await uploadSession(stack, headers, { start: '2026-11-17T17:00:00Z', sport: 'strength', minutes: 45, hr: 125 })
  await uploadSession(stack, headers, { start: '2026-11-19T11:00:00Z', sport: 'walking', minutes: 32, hr: 112, kcal: 140 })
  await uploadSession(stack, headers, { start: '2026-11-21T09:00:00Z', sport: 'cycling', minutes: 55, hr: 140, kcal: 480 })
  await uploadSession(stack, headers, { start: '2026-11-22T22:30:00Z', sport: 'strength', minutes: 30, hr: 118, kcal: 160 })
  await stack.app.inject({ method: 'PATCH', url: `/v1/activities/${run}`, headers, payload: { name: MARKUP } })
  await stack.app.inject({
    method: 'POST',
    url: '/v1/intake',
    headers,
    payload: [
      { date: '2026-11-16', kcal: 1600, water_ml: 2000 },
      { date: '2026-11-17', kcal: 1100, water_ml: 1600 },
      { date: '2026-11-19', kcal: 1750, water_ml: 2100 },
      { date: '2026-11-21', kcal: 2300 },
    ],
  })
  await aggregationIdle(stack)
  const address = await stack.app.listen({ port: 0, host: '127.0.0.1' })
  url = `${address}/v1/reports/weekly/2026-W47.html`
  browser = await openBrowser(headers)
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

describe.each(VIEWPORTS)('the weekly page on a $name', ({ name, viewport }) => {
  it('renders every chart, shows markup as text, and is saved as a screenshot', () =>
    withPage(browser, viewport, async (page) => {
      const errors: string[] = []
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      const res = await page.goto(url)
      expect(res?.status()).toBe(200)
      const charts = page.locator('svg.chart')
      expect(await charts.count()).toBe(4)
      for (const chart of await charts.all()) {
        const box = await chart.boundingBox()
        expect(box?.width).toBeGreaterThan(100)
        expect(box?.height).toBeGreaterThan(50)
        expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 1) // no chart overflows the screen
      }
      expect(await page.locator('img').count()).toBe(0) // the name's <img> stayed text
      expect(await page.locator('main b').count()).toBe(0)
      expect(await page.getByText(MARKUP).count()).toBeGreaterThan(0)
      expect(await page.title()).not.toBe('pwned')
      expect(errors).toEqual([])
      await page.screenshot({ path: join(ARTIFACTS, `report-${name}.png`), fullPage: true })
    }))
})
