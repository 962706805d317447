import { describe, expect, it } from 'vitest'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import { renderHtml } from '../../../src/report/render-html.js'
import { WORKED_INPUT } from '../aggregate/worked-week.js'

const count = (text: string, pattern: RegExp): number => (text.match(pattern) ?? []).length
const worked = aggregateWeek(WORKED_INPUT)
const html = renderHtml(worked, { subtitle: 'Alex <img src=x onerror=alert(1)>' })

/** The badge of one goal: its class (state) and its detail text. */
function badge(page: string, label: string): { state: string; detail: string } {
  const m = new RegExp(
    `<li class="badge (\\w+)"><span class="name">${label}</span><span class="state">\\w+</span><span class="detail">([^<]*)</span>`,
  ).exec(page)
  return { state: m?.[1] ?? 'absent', detail: m?.[2] ?? '' }
}

describe('renderHtml', () => {
  it('shows user text as text, never as markup', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('Yoga &amp; &quot;stretch&quot;, &lt;b&gt;')
    expect(html).toContain('Alex &lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
  })

  it('has no script at all, and no external asset', () => {
    expect(count(html, /<script/gi)).toBe(0)
    expect(html).not.toMatch(/<[^>]*\son\w+=/i) // no element carries an event handler
    expect(html).not.toMatch(/<link|<img|<iframe|<object|<[^>]*\s(src|href)=|url\(/i)
    expect(html).toContain("default-src 'none'")
  })

  it('draws one <svg> per chart, each with a title and a description', () => {
    expect(count(html, /<svg /g)).toBe(4)
    expect(count(html, /<\/svg>/g)).toBe(4)
    for (const id of ['chart-minutes', 'chart-sports', 'chart-zones', 'chart-balance']) {
      expect(html).toContain(`aria-labelledby="${id}-title ${id}-desc"`)
      expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`))
    }
  })

  it.each([
    { label: 'Cardio', state: 'met', detail: '3 of 3 sessions of 30+ min' },
    { label: 'Intervals', state: 'met', detail: '1 of 1' },
    { label: 'Strength', state: 'met', detail: '2 of 2' },
    // 1884.7 / 4 = 471.175 → '471'
    { label: 'Energy', state: 'missed', detail: '471 kcal/day deficit of 500 over 4 logged days' },
    // 1900 ml → 1.9 L
    { label: 'Fluids', state: 'met', detail: '1.9 L/day of 1.8 L over 3 days' },
  ])('badges $label as $state', ({ label, state, detail }) => {
    expect(badge(html, label)).toEqual({ state, detail })
  })

  it('states the score, the week and the zone at the top', () => {
    expect(html).toContain('<h1>Week 2026-W47</h1>')
    expect(html).toContain('16–22 Nov 2026 · Europe/Berlin')
    expect(html).toContain('<strong>80%</strong> 4 of 5 goals met (80%)')
    expect(html.indexOf('class="goals"')).toBeLessThan(html.indexOf('<svg'))
  })

  it('marks days without a food log as "no log", not as zero', () => {
    // Thu, Fri, Sun are not logged
    expect(count(html, /class="no-log" /g)).toBe(3)
    expect(count(html, /class="no-log-label"/g)).toBe(3)
    expect(html).toContain('Thu no log, Fri no log')
  })

  it('lists every session in the table, in time order', () => {
    const rows = html.split('<tbody>')[1]?.split('</tbody>')[0]?.match(/<tr>/g) ?? []
    expect(rows).toHaveLength(7)
    expect(html.indexOf('Easy run')).toBeLessThan(html.indexOf('Late swim'))
  })

  it('shows unknown badges and empty charts for an empty week', () => {
    const empty = renderHtml(aggregateWeek({ ...WORKED_INPUT, activities: [], intake: [] }))
    expect(badge(empty, 'Energy')).toEqual({ state: 'unknown', detail: 'no intake logged this week' })
    expect(badge(empty, 'Fluids')).toEqual({ state: 'unknown', detail: 'no fluids logged this week' })
    expect(badge(empty, 'Cardio').state).toBe('missed')
    expect(count(empty, /<svg /g)).toBe(4)
    expect(empty).toContain('No sessions this week')
    expect(empty).toContain('No heart-rate data this week')
    expect(count(empty, /class="no-log-label"/g)).toBe(7)
  })

  it('flags a low-intake day in the balance chart', () => {
    const low = renderHtml(aggregateWeek({ ...WORKED_INPUT, intake: [{ date: '2026-11-16', kcal: 900, water_ml: null, protein_g: null }] }))
    expect(low).toContain('class="bar low-intake"')
    expect(low).toContain('(intake below minimum)')
    expect(badge(low, 'Energy').detail).toContain('1 day below 1,200 kcal')
  })

  it('says which profile values were assumed', () => {
    const page = renderHtml(aggregateWeek({ ...WORKED_INPUT, profile: { ...WORKED_INPUT.profile, sex: null, weight_kg: null } }))
    expect(page).toContain('assumed: sex, weight_kg')
  })
})
