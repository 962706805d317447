import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../../src/report/escape-html.js'

describe('escapeHtml', () => {
  it.each([
    { text: '<script>alert(1)</script>', html: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { text: '<img src=x onerror="alert(1)">', html: '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;' },
    { text: "Tom & Jerry's", html: 'Tom &amp; Jerry&#39;s' },
    { text: '&lt;', html: '&amp;lt;' }, // already-escaped text is escaped again, shown as typed
    { text: 'bell\u0007 and nul\u0000', html: 'bell and nul' }, // invalid in XML
    { text: 'tab\tnew\nline', html: 'tab\tnew\nline' },
    { text: 'Läufe 🏃', html: 'Läufe 🏃' },
  ])('$text', ({ text, html }) => {
    expect(escapeHtml(text)).toBe(html)
  })
})
