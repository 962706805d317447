import { describe, expect, it } from 'vitest'
import { pack12 } from '../../../fixtures/encode/fit-hr.js'
import { expandHrMessages, heartRateAtSamples } from '../../../src/parse/fit/hr-merge.js'
import type { FitHr } from '../../../src/parse/fit/read.js'

const T0 = Date.UTC(2024, 0, 1)

describe('expandHrMessages', () => {
  it('anchors event_timestamp to the message time and accumulates 12-bit deltas', () => {
    // Anchor: beat at T0 + 0.5 s is strap time 4000 s = 4 096 000 ticks (1000 × 4096). Then beats
    // at strap time 4001, 4002.5, 4004 s = 4 097 024, 4 098 560, 4 100 096 ticks, whose low
    // 12 bits are 1024, 2560 and 0 (the last rolled over).
    const messages: FitHr[] = [
      { timestamp: new Date(T0), fractional_timestamp: 0.5, event_timestamp: [4000], filtered_bpm: [60] },
      { event_timestamp12: pack12([1024, 2560, 0]), filtered_bpm: [61, 62, 63] },
    ]
    const beats = expandHrMessages(messages)
    expect(Array.from(beats.time_ms)).toEqual([T0 + 500, T0 + 1500, T0 + 3000, T0 + 4500])
    expect(Array.from(beats.bpm)).toEqual([60, 61, 62, 63])
  })

  it('rolls the 12-bit value over past 4096 ticks (4 s)', () => {
    // 4000 s = 4 096 000 ticks, low bits 0; a beat 5 s later is 4 101 120 ticks, low bits 1024.
    const messages: FitHr[] = [
      { timestamp: new Date(T0), event_timestamp: [4000], filtered_bpm: [70] },
      { event_timestamp12: pack12([2048, 1024]), filtered_bpm: [71, 72] },
    ]
    expect(Array.from(expandHrMessages(messages).time_ms)).toEqual([T0, T0 + 2000, T0 + 5000])
  })

  it('ignores delta messages before any anchor', () => {
    expect(expandHrMessages([{ event_timestamp12: pack12([5]), filtered_bpm: [80] }]).time_ms.length).toBe(0)
  })
})

describe('heartRateAtSamples', () => {
  const beats = { time_ms: Float64Array.from([T0 + 500, T0 + 1500, T0 + 1700, T0 + 2200]), bpm: Float32Array.from([100, 110, 120, 130]) }

  it.each([
    { sample_s: 1, bpm: 100 }, // beats in (0, 1]: 100
    { sample_s: 2, bpm: 115 }, // beats in (1, 2]: (110 + 120) / 2
    { sample_s: 3, bpm: 130 }, // beats in (2, 3]: 130
    { sample_s: 7, bpm: 130 }, // none since 3 s; last beat 4.8 s old ≤ 5 s: carried forward
    { sample_s: 8, bpm: Number.NaN }, // last beat 5.8 s old: a gap
  ])('sample at $sample_s s → $bpm bpm', ({ sample_s, bpm }) => {
    const times = Float64Array.from([0, 1, 2, 3, 7, 8])
    const out = heartRateAtSamples(times, T0, beats)
    expect(out?.[times.indexOf(sample_s)]).toBe(bpm)
  })

  it('no beat near any sample → null (the channel was never recorded)', () => {
    expect(heartRateAtSamples(Float64Array.from([100, 101]), T0, beats)).toBeNull()
  })
})
