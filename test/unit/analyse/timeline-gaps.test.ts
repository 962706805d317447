import { describe, expect, it } from 'vitest'
import type { SessionTotals } from '../../../src/model.js'
import { buildTimeline } from '../../../src/analyse/timeline.js'
import { NO_TOTALS } from '../../../src/parse/totals.js'

const totals = (timer_s: number | null): SessionTotals => ({ ...NO_TOTALS, elapsed_s: 80, timer_s })
/** Samples each second for 0–10 s and 70–80 s: one 60 s gap after the sample at 10 s (index 10). */
const time = Float64Array.from([...Array.from({ length: 11 }, (_, i) => i), ...Array.from({ length: 11 }, (_, i) => 70 + i)])

describe('recording gaps and the device timer', () => {
  it.each([
    // recorded steps: 10 s + 10 s = 20 s; the gap: 60 s. Counted when 20 + 0.9*60 = 74 <= timer + 1.
    { name: 'timer ran through the gap (smart recording)', timer: 80, truncated: false, gap: 60, timerS: 80 },
    { name: 'timer covers 90% of it: 74 <= 73 + 1', timer: 73, truncated: false, gap: 60, timerS: 80 },
    { name: 'timer covers less: 74 > 72 + 1, the gap was a pause', timer: 72, truncated: false, gap: 0, timerS: 20 },
    { name: 'timer stopped for the gap', timer: 20, truncated: false, gap: 0, timerS: 20 },
    { name: 'no device timer: a gap is a pause (REGIMEN.md, Time)', timer: null, truncated: false, gap: 0, timerS: 20 },
    {
      name: 'a truncated file: its total may run past the samples, so it says nothing of the gap',
      timer: 80,
      truncated: true,
      gap: 0,
      timerS: 80,
    },
  ])('$name → gap counts $gap s, timer $timerS s', ({ timer, truncated, gap, timerS }) => {
    const timeline = buildTimeline(time, [], totals(timer), truncated)
    expect(timeline.gap_s[10]).toBe(gap)
    expect(timeline.gap_s.reduce((a, b) => a + b, 0)).toBe(gap)
    expect(timeline.weight_s[10]).toBe(0) // the recorded-step weights never include a gap
    expect(timeline.timer_s).toBe(timerS)
    expect(timeline.flags).toContain('recording_gaps')
  })

  it('a timer pause inside a counted gap is left out of it', () => {
    // gap 10→70 s less a 20 s pause (30–50 s) = 40 s; recorded 20 s; 20 + 0.9*40 = 56 <= 60 + 1
    const timeline = buildTimeline(time, [{ start_s: 30, end_s: 50 }], totals(60))
    expect(timeline.gap_s[10]).toBe(40)
    expect(timeline.timer_s).toBe(60)
  })
})
