import { describe, expect, it } from 'vitest'
import { formatDateRange, formatMinutes, formatNumber, formatSigned } from '../../../src/report/display-format.js'

describe('display formatting', () => {
  it.each([
    { value: 1884.7, decimals: 0, text: '1,885' },
    { value: -626, decimals: 1, text: '−626.0' },
    { value: 0.25, decimals: 2, text: '0.25' },
  ])('formatNumber($value, $decimals) = $text', ({ value, decimals, text }) => {
    expect(formatNumber(value, decimals)).toBe(text)
  })

  it.each([
    { value: 120, text: '+120' },
    { value: -626, text: '−626' },
    { value: 0, text: '0' },
    { value: 0.2, text: '0' }, // rounds to zero: no sign
  ])('formatSigned($value) = $text', ({ value, text }) => {
    expect(formatSigned(value)).toBe(text)
  })

  it.each([
    { from: '2026-11-16', to: '2026-11-22', text: '16–22 Nov 2026' },
    { from: '2026-11-30', to: '2026-12-06', text: '30 Nov – 6 Dec 2026' },
    { from: '2025-12-29', to: '2026-01-04', text: '29 Dec 2025 – 4 Jan 2026' },
  ])('formatDateRange($from, $to)', ({ from, to, text }) => {
    expect(formatDateRange(from, to)).toBe(text)
  })

  it.each([
    { minutes: 40, text: '40 min' },
    { minutes: 60, text: '1 h' },
    { minutes: 95, text: '1 h 35 min' },
    { minutes: 59.6, text: '1 h' },
  ])('formatMinutes($minutes) = $text', ({ minutes, text }) => {
    expect(formatMinutes(minutes)).toBe(text)
  })
})
