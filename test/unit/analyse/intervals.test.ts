import { describe, expect, it } from 'vitest'
import { EMPTY_PROFILE } from '../../../src/model.js'
import { summariseActivity } from '../../../src/analyse/summarise.js'
import { createRng } from '../../../fixtures/synth/prng.js'
import { intervalSession, poolSwim, steady, strengthSession, trafficLights } from '../../../fixtures/synth/sessions.js'
import { toParsedActivity } from '../../../fixtures/synth/to-parsed.js'
import { makeActivity, seconds } from './make-activity.js'

const overlap = (a: { start_s: number; duration_s: number }, b: { start_s: number; duration_s: number }): number =>
  Math.min(a.start_s + a.duration_s, b.start_s + b.duration_s) - Math.max(a.start_s, b.start_s)

describe('interval detection on labelled synthetic sessions', () => {
  it.each([
    { name: 'running HIIT with structured laps', make: (seed: number) => intervalSession('running', createRng(seed), true, false) },
    { name: 'running HIIT without laps', make: (seed: number) => intervalSession('running', createRng(seed), false, false) },
    {
      name: 'running repeats with standing rests, no laps',
      make: (seed: number) => intervalSession('running', createRng(seed), false, true),
    },
    { name: 'cycling power intervals without laps', make: (seed: number) => intervalSession('cycling', createRng(seed), false, false) },
    { name: 'rowing erg pieces without laps', make: (seed: number) => intervalSession('rowing', createRng(seed), false, false) },
  ])('$name: every bout found', ({ make }) => {
    for (const seed of [1, 2, 3]) {
      const { spec, label } = make(seed)
      const summary = summariseActivity(toParsedActivity(spec), EMPTY_PROFILE)
      expect(summary.intervals).toBe(true)
      expect(summary.work_bouts).toHaveLength(label.bouts.length)
      summary.work_bouts.forEach((bout, k) => {
        const truth = label.bouts[k]!
        expect(overlap(bout, truth)).toBeGreaterThanOrEqual(0.5 * Math.min(bout.duration_s, truth.duration_s))
      })
    }
  })

  it.each([
    { name: 'pool swim in sets with rests at the wall', make: (seed: number) => poolSwim(createRng(seed)) },
    { name: 'steady run stopped at traffic lights', make: (seed: number) => trafficLights(createRng(seed)) },
    { name: 'strength sets', make: (seed: number) => strengthSession(createRng(seed)) },
    { name: 'steady ride with auto-laps', make: (seed: number) => steady('cycling', createRng(seed), true) },
  ])('$name: not intervals', ({ make }) => {
    for (const seed of [1, 2, 3]) {
      const summary = summariseActivity(toParsedActivity(make(seed).spec), EMPTY_PROFILE)
      expect(summary.intervals).toBe(false)
      expect(summary.work_bouts).toEqual([])
    }
  })

  it('reports each bout: 4 × 60 s at 4 m/s after 300 s at 2.5 m/s with 90 s jogs at 2 m/s', () => {
    // bouts start at 300, 450, 600, 750 s (60 s work + 90 s jog); cool-down from 900 to 1200 s
    const t = seconds(1201)
    const speed = t.map((s) => (s >= 300 && s < 900 && (s - 300) % 150 < 60 ? 4 : s >= 300 && s < 900 ? 2 : 2.5))
    const activity = makeActivity({ time_s: t, speed_mps: speed, distance_m: t.map((s) => s * 3) })
    const summary = summariseActivity(activity, EMPTY_PROFILE, { ignoreDeclaredSport: true })
    expect(summary.intervals).toBe(true)
    expect(summary.work_bouts.map((b) => b.start_s)).toEqual([300, 450, 600, 750])
    expect(summary.work_bouts.map((b) => b.duration_s)).toEqual([60, 60, 60, 60])
    expect(summary.work_bouts.map((b) => b.avg_speed_mps)).toEqual([4, 4, 4, 4])
  })

  it('FIT sub-sport hiit declares intervals outright', () => {
    const activity = makeActivity(
      { time_s: seconds(600), heart_rate_bpm: seconds(600).map(() => 120) },
      { declared_sport: 'training', declared_sub_sport: 'hiit' },
    )
    expect(summariseActivity(activity, EMPTY_PROFILE).intervals).toBe(true)
  })
})
