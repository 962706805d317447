import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, openBrowser, VIEWPORTS, withPage } from '../helpers/browser.js'
import { runCli } from '../helpers/cli.js'
import { type Stack, startStack } from '../helpers/stack.js'
import { aggregationIdle, uploadSession } from '../helpers/weekly.js'

// Share links: the HTML report in any browser, without a token, for as long as the owner wants.
let stack: Stack
let owner: { id: string; headers: { authorization: string } }
let stranger: { id: string; headers: { authorization: string } }

beforeAll(async () => {
  stack = await startStack()
  owner = await stack.user('owner@example.test')
  stranger = await stack.user()
  await stack.app.inject({
    method: 'PUT',
    url: '/v1/profile',
    headers: owner.headers,
    payload: { time_zone: 'Europe/Berlin', weight_kg: 70 },
  })
  await uploadSession(stack, owner.headers, { start: '2026-11-17T06:00:00Z', sport: 'running', minutes: 40, hr: 150, kcal: 420 })
  await aggregationIdle(stack)
})
afterAll(async () => stack?.close())

const share = async (url: string, payload?: object, headers = owner.headers) => {
  const res = await stack.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) })
  return {
    status: res.statusCode,
    body: res.json() as { id: string; url: string; expires_at: string; error?: { code: string; message: string } },
  }
}
/** Opens a link the way a browser would: no Authorization header. */
const open = (url: string) => stack.app.inject({ method: 'GET', url: new URL(url).pathname })

describe('a link to one week', () => {
  it('opens the HTML report without a token, private and with no referrer', async () => {
    const made = await share('/v1/reports/weekly/2026-W47/share')
    expect(made.status).toBe(201)
    expect(made.body.url).toMatch(/^http:\/\/localhost(:\d+)?\/shared\/reports\/rsh_[\w-]{43}$/)
    // Expires in the default 7 days, by Postgres's clock.
    const days = (Date.parse(made.body.expires_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    const page = await open(made.body.url)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.headers['cache-control']).toContain('private')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.body).toContain('<h1>Week 2026-W47</h1>')
    expect(page.body).toContain('running')
  })

  it('reads nothing but that report: the token is no API token, and no other path takes it', async () => {
    const made = await share('/v1/reports/weekly/2026-W47/share')
    const token = new URL(made.body.url).pathname.split('/').pop()!
    const api = await stack.app.inject({ url: '/v1/activities', headers: { authorization: `Bearer ${token}` } })
    expect(api.statusCode).toBe(401)
    expect((await stack.app.inject({ url: `/shared/reports/${token}x` })).statusCode).toBe(404)
    expect((await stack.app.inject({ url: `/shared/reports/${token}/../../v1/activities` })).statusCode).not.toBe(200)
  })

  it('answers 404 once revoked, and only the owner can revoke or list it', async () => {
    const made = await share('/v1/reports/weekly/2026-W47/share', { expires_in_days: 30 })
    const list = await stack.app.inject({ url: '/v1/reports/shares', headers: owner.headers })
    const listed = (list.json() as { shares: { id: string; from: string; to: string }[] }).shares
    expect(listed.find((s) => s.id === made.body.id)).toMatchObject({ from: '2026-W47', to: '2026-W47' })
    expect(list.body).not.toContain('rsh_') // the list never shows a link's token
    expect((await stack.app.inject({ url: '/v1/reports/shares', headers: stranger.headers })).json()).toEqual({ shares: [] })
    expect(
      (await stack.app.inject({ method: 'DELETE', url: `/v1/reports/shares/${made.body.id}`, headers: stranger.headers })).statusCode,
    ).toBe(404)
    expect((await open(made.body.url)).statusCode).toBe(200)
    expect(
      (await stack.app.inject({ method: 'DELETE', url: `/v1/reports/shares/${made.body.id}`, headers: owner.headers })).statusCode,
    ).toBe(204)
    const gone = await open(made.body.url)
    expect(gone.statusCode).toBe(404)
    expect(gone.body).toContain('This link does not open a report')
    expect(
      (await stack.app.inject({ method: 'DELETE', url: `/v1/reports/shares/${made.body.id}`, headers: owner.headers })).statusCode,
    ).toBe(404)
  })

  it('answers 404 once expired', async () => {
    const made = await share('/v1/reports/weekly/2026-W47/share', { expires_in_days: 1 })
    expect((await open(made.body.url)).statusCode).toBe(200)
    await stack.testDb.db
      .updateTable('report_shares')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.body.id)
      .execute()
    expect((await open(made.body.url)).statusCode).toBe(404)
  })

  it.each([
    { url: '/v1/reports/weekly/2026-W47/share', payload: { expires_in_days: 0 }, field: 'expires_in_days' },
    { url: '/v1/reports/weekly/2026-W47/share', payload: { expires_in_days: 91 }, field: 'expires_in_days' },
    { url: '/v1/reports/weekly/2026-W99/share', payload: undefined, field: '2026-W99' },
    { url: '/v1/reports/weekly/share', payload: { from: '2026-W47', to: '2026-W40' }, field: 'after' },
    { url: '/v1/reports/weekly/share', payload: { from: '2026-W40' }, field: 'to' },
  ])('refuses $payload at $url', async ({ url, payload, field }) => {
    const made = await share(url, payload)
    expect(made.status).toBe(400)
    expect(made.body.error?.code).toBe('bad_request')
    expect(made.body.error?.message).toContain(field)
  })
})

describe('a link to a run of weeks', () => {
  it('opens the trend page', async () => {
    const made = await share('/v1/reports/weekly/share', { from: '2026-W44', to: '2026-W47' })
    expect(made.status).toBe(201)
    const page = await open(made.body.url)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Trend 2026-W44 – 2026-W47')
  })
})

describe('fitledger report --share', () => {
  it('prints a link that opens the week', async () => {
    const res = await runCli(['report', '--user', 'owner@example.test', '--week', '2026-W47', '--share'], {
      DATABASE_URL: stack.testDb.url,
      PUBLIC_URL: 'https://fitledger.example.test/',
    })
    expect(res.code).toBe(0)
    const url = res.stdout.split('\n')[0]!
    expect(url).toMatch(/^https:\/\/fitledger\.example\.test\/shared\/reports\/rsh_/)
    expect((await open(url)).statusCode).toBe(200)
  })
})

describe('in Chromium, with no token at all', () => {
  let address: string
  beforeAll(async () => {
    address = await stack.app.listen({ port: 0, host: '127.0.0.1' })
  })

  it.each(VIEWPORTS)('opens on a $name, and is saved as a screenshot', async ({ name, viewport }) => {
    const made = await share('/v1/reports/weekly/2026-W47/share')
    const browser = await openBrowser()
    try {
      await withPage(browser, viewport, async (page) => {
        const res = await page.goto(`${address}${new URL(made.body.url).pathname}`)
        expect(res?.status()).toBe(200)
        expect(await page.locator('svg.chart').count()).toBe(4)
        await page.screenshot({ path: join(ARTIFACTS, `shared-report-${name}.png`), fullPage: true })
      })
    } finally {
      await browser.close()
    }
  })
})
