import { describe, expect, it } from 'vitest'
import { parseIsoTime } from '../../../src/parse/iso-time.js'

describe('parseIsoTime', () => {
  it.each([
    { text: '2026-11-02T06:00:00Z', ms: Date.UTC(2026, 10, 2, 6) },
    { text: '2026-11-02T06:00:00', ms: Date.UTC(2026, 10, 2, 6) }, // no zone: UTC, as GPX and TCX define
    { text: '2026-11-02T06:00:00.250', ms: Date.UTC(2026, 10, 2, 6, 0, 0, 250) },
    { text: '2026-11-02T06:00:00.1234567Z', ms: Date.UTC(2026, 10, 2, 6, 0, 0, 123) }, // 7 digits, cut to whole ms
    { text: '2026-11-02T11:30:00+05:30', ms: Date.UTC(2026, 10, 2, 6) }, // 11:30 - 5:30 = 06:00
    { text: '2026-11-01T22:00:00-0800', ms: Date.UTC(2026, 10, 2, 6) }, // 22:00 + 8:00 = 06:00 next day
    { text: '2026-11-02T08:00:00+02', ms: Date.UTC(2026, 10, 2, 6) },
    { text: ' 2026-11-02t06:00:00z\n', ms: Date.UTC(2026, 10, 2, 6) },
    { text: '2026-11-02', ms: Date.UTC(2026, 10, 2) },
    { text: '2026-11-02T24:00:00Z', ms: Date.UTC(2026, 10, 3) }, // xsd end of day
    { text: '2026-02-31T06:00:00Z', ms: Number.NaN }, // no such day
    { text: '0085-01-01T00:00:00Z', ms: Number.NaN }, // not 1985
    { text: '1901-12-13T20:45:52Z', ms: Number.NaN }, // a placeholder, before 1980
    { text: '+052870-01-01T00:00:00.000Z', ms: Number.NaN },
    { text: 'Mon, 02 Nov 2026 06:00:00', ms: Number.NaN }, // not ISO 8601
    { text: '', ms: Number.NaN },
  ])('$text → $ms', ({ text, ms }) => {
    expect(parseIsoTime(text)).toBe(ms)
  })
})
