import { describe, expect, it } from 'vitest'
import { EMPTY_PROFILE } from '../../../src/model.js'
import { summariseActivity } from '../../../src/analyse/summarise.js'
import { makeActivity, seconds } from './make-activity.js'

const NO_TOTALS = makeActivity({ time_s: [0] }).totals

describe('elapsed and moving time', () => {
  it.each([
    {
      name: 'steady 600 s at 3 m/s: moving = timer = 600',
      activity: makeActivity({ time_s: seconds(601), speed_mps: seconds(601).map(() => 3) }),
      elapsed: 600,
      moving: 600,
      flags: [],
    },
    {
      // the 5 s smoothing blurs each edge of the stop by up to 2 s: 480 + 2 + 2
      name: 'a 120 s standstill (speed 0) in the middle: 600 − 120 (+ 4 s edge blur) = 484',
      activity: makeActivity({ time_s: seconds(601), speed_mps: seconds(601).map((t) => (t >= 240 && t < 360 ? 0 : 3)) }),
      elapsed: 600,
      moving: 484,
      flags: [],
    },
    {
      name: 'a timer pause 100–160 s: 600 − 60 = 540',
      activity: makeActivity({ time_s: seconds(601), speed_mps: seconds(601).map(() => 3) }, { pauses: [{ start_s: 100, end_s: 160 }] }),
      elapsed: 600,
      moving: 540,
      flags: [],
    },
    {
      name: 'a 300 s gap in the recording is a pause: 0–300 and 600–900 → 600 of 900',
      activity: makeActivity({ time_s: [...seconds(301), ...seconds(301).map((t) => t + 600)], speed_mps: Array(602).fill(3) }),
      elapsed: 900,
      moving: 600,
      flags: ['recording_gaps'],
    },
    {
      name: 'no speed or distance (strength): the whole timer time moves',
      activity: makeActivity({ time_s: seconds(601), heart_rate_bpm: seconds(601).map(() => 100) }),
      elapsed: 600,
      moving: 600,
      flags: [],
    },
    {
      name: 'a bogus 27-day device total falls back to the samples',
      activity: makeActivity({ time_s: seconds(3601), speed_mps: Array(3601).fill(3) }, { totals: { ...NO_TOTALS, elapsed_s: 2_412_583 } }),
      elapsed: 3600,
      moving: 3600,
      flags: ['bogus_elapsed_time'],
    },
    {
      name: 'a sane device total wins: 3630 s for samples spanning 3600 s',
      activity: makeActivity({ time_s: seconds(3601), speed_mps: Array(3601).fill(3) }, { totals: { ...NO_TOTALS, elapsed_s: 3630 } }),
      elapsed: 3630,
      moving: 3600,
      flags: [],
    },
    {
      name: 'three samples 27 days before the rest are dropped: 3600 s remain',
      activity: makeActivity({ time_s: [0, 1, 2, ...seconds(3601).map((t) => t + 2_400_000)], speed_mps: Array(3604).fill(3) }),
      elapsed: 3600,
      moving: 3600,
      flags: ['timestamp_outliers_removed', 'start_time_corrected'],
    },
    {
      name: 'a timestamp going backwards is dropped',
      activity: makeActivity({ time_s: [0, 1, 2, 1, 3, 4], speed_mps: Array(6).fill(3) }),
      elapsed: 4,
      moving: 4,
      flags: ['backward_timestamps_removed'],
    },
  ])('$name', ({ activity, elapsed, moving, flags }) => {
    const summary = summariseActivity(activity, EMPTY_PROFILE)
    expect(summary.elapsed_s).toBe(elapsed)
    expect(summary.moving_s).toBe(moving)
    for (const flag of flags) expect(summary.flags).toContain(flag)
  })

  it('pool lengths decide moving time: two 30 s lengths and a 20 s rest → 60 s', () => {
    const activity = makeActivity(
      { time_s: seconds(81), distance_m: seconds(81).map((t) => Math.min(t, 60) * (25 / 30)) },
      {
        lengths: [
          { start_s: 0, elapsed_s: 30, strokes: 15, idle: false },
          { start_s: 30, elapsed_s: 30, strokes: 15, idle: false },
          { start_s: 60, elapsed_s: 20, strokes: 0, idle: true },
        ],
      },
    )
    expect(summariseActivity(activity, EMPTY_PROFILE).moving_s).toBe(60)
  })
})

describe('heart-rate cleaning and averages', () => {
  it('drops a 250 bpm reading and a one-sample spike, and averages by time', () => {
    // 100 samples at 140 bpm, one at 250 (impossible), one spike to 200 between 140s
    const hr = seconds(101).map(() => 140)
    hr[20] = 250
    hr[50] = 200
    const summary = summariseActivity(makeActivity({ time_s: seconds(101), heart_rate_bpm: hr }), EMPTY_PROFILE)
    expect(summary.hr_max).toBe(140)
    expect(summary.hr_avg).toBe(140)
    expect(summary.flags).toContain('hr_spikes_removed')
  })

  it('weights each step by its time, heart rate running straight between samples: 120 → 160 over 9 s, then 160 for 1 s → 142', () => {
    // ((120+160)/2*9 + 160*1) / 10 = (1260 + 160) / 10 = 142; a sample mean would say (120+160+160)/3 = 146.7
    const summary = summariseActivity(makeActivity({ time_s: [0, 9, 10], heart_rate_bpm: [120, 160, 160] }), EMPTY_PROFILE)
    expect(summary.hr_avg).toBe(142)
  })
})
