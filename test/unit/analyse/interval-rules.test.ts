import { describe, expect, it } from 'vitest'
import { EMPTY_PROFILE } from '../../../src/model.js'
import { summariseActivity } from '../../../src/analyse/summarise.js'
import { hrRise, type EffortSeries } from '../../../src/analyse/intervals/bout-stats.js'
import { hardShare, heartRateRecovers } from '../../../src/analyse/intervals/data-bouts.js'
import { movingStretches, twoMeansSplit } from '../../../src/analyse/intervals/detect-bouts.js'
import { createRng } from '../../../fixtures/synth/prng.js'
import {
  bikeSprints,
  ergPieces,
  hillyRide,
  lightsRun,
  runRepeats,
  threeMinuteReps,
  varyingReps,
  wanderingRun,
} from '../../../fixtures/synth/hard-sessions.js'
import { toParsedActivity } from '../../../fixtures/synth/to-parsed.js'
import { makeActivity } from './make-activity.js'

/** 1 Hz series of n samples, all moving, with the given heart rate by second. */
function series(n: number, hr: (t: number) => number, moving: (t: number) => boolean = () => true): EffortSeries {
  const time = Float64Array.from({ length: n }, (_, i) => i)
  return {
    time_s: time,
    weight_s: Float64Array.from(time, () => 1),
    moving: Uint8Array.from(time, (t) => (moving(t) ? 1 : 0)),
    hr: Float32Array.from(time, hr),
    speed: null,
    power: null,
  }
}

describe('interval rules, hand-worked', () => {
  it('two-means split of ten 2s and ten 4s: lo 2, hi 4, threshold 3', () => {
    expect(twoMeansSplit([...Array(10).fill(2), ...Array(10).fill(4)])).toEqual({ threshold: 3, lo: 2, hi: 4 })
  })

  it.each([
    // before: mean of 30..59 s = 120; HR climbs 0.5 bpm/s in the bout to 150 from 120 s on: 150 − 120 = 30
    { name: 'a bout lifts HR', hr: (t: number) => (t < 60 ? 120 : t < 120 ? 120 + (t - 60) / 2 : 150), rise: 30 },
    // before 150; HR falls 2/3 bpm/s to 130 at 90 s and stays. The best 10 s window from 90 s on
    // is 85..95 s: (5 × 150 − 2/3 × (25+26+27+28+29) + 6 × 130) / 11 = 1440 / 11 → 1440/11 − 150 = −210/11
    { name: 'a descent lets HR fall', hr: (t: number) => (t < 60 ? 150 : t < 90 ? 150 - (t - 60) * (20 / 30) : 130), rise: -210 / 11 },
  ])('hrRise: $name', ({ hr, rise }) => {
    expect(hrRise(series(200, hr), { from: 60, to: 120 })).toBeCloseTo(rise, 5)
  })

  it.each([
    // peaks 160 (HR 160 in each bout), lowest 10 s mean between bouts 140: drop 20 ≥ 6
    { name: 'falls 20 bpm between bouts', low: 140, recovers: true },
    // lowest 157: drop 3 < 6 (a tempo effort with short eases)
    { name: 'falls only 3 bpm', low: 157, recovers: false },
  ])('heart rate recovers: $name', ({ low, recovers }) => {
    const inBout = (t: number): boolean => t % 100 < 40
    const s = series(400, (t) => (inBout(t) ? 160 : low))
    const bouts = [0, 100, 200, 300].map((t) => ({ from: t, to: t + 40 }))
    expect(heartRateRecovers(bouts, s)).toBe(recovers)
  })

  it('hard share: 40 of the 50 s above the threshold lie in the bouts = 0.8', () => {
    const s = series(100, () => 120)
    const hard = (t: number): boolean => (t >= 10 && t < 30) || (t >= 50 && t < 70) || (t >= 80 && t < 90)
    const smooth = Float32Array.from(s.time_s, (t) => (hard(t) ? 4 : 2))
    const bouts = [
      { from: 10, to: 30 },
      { from: 50, to: 70 },
    ]
    expect(hardShare(bouts, s, { spans: bouts, smooth, threshold: 3 })).toBeCloseTo(0.8, 10)
  })

  it('moving stretches: a 40 s stop splits, a 10 s stop does not', () => {
    const s = series(
      200,
      () => 120,
      (t) => !((t >= 50 && t < 90) || (t >= 130 && t < 140)),
    )
    expect(movingStretches(s)).toEqual([
      { from: 0, to: 50 },
      { from: 90, to: 200 },
    ])
  })
})

/**
 * 3 × 56 s at 4.5 m/s, HR 150 → 180 in each piece, with the recording off between pieces (as
 * fit/rowingdata__3x250m.fit): the rests are the gaps, `rest` s long.
 */
function piecesWithGaps(rest: number): ReturnType<typeof makeActivity> {
  const time: number[] = []
  const hr: number[] = []
  const dist: number[] = []
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < 56; i++) {
      time.push(k * (56 + rest) + i)
      hr.push(150 + (30 * i) / 55)
      dist.push(k * 252 + 4.5 * i)
    }
  }
  return makeActivity({ time_s: time, heart_rate_bpm: hr, distance_m: dist, cadence_rpm: time.map(() => 32) })
}

describe('pieces separated by recording gaps', () => {
  it.each([
    { name: '160 s rests (rest ≥ half the piece): 3 bouts', rest: 160, bouts: 3 },
    { name: '22 s rests (a pause, not a recovery): none', rest: 22, bouts: 0 },
  ])('$name', ({ rest, bouts }) => {
    const summary = summariseActivity(piecesWithGaps(rest), EMPTY_PROFILE, { ignoreDeclaredSport: true })
    expect(summary.work_bouts).toHaveLength(bouts)
    expect(summary.intervals).toBe(bouts > 0)
  })
})

describe('hard synthetic sessions (fixtures/synth/hard-sessions.ts)', () => {
  it.each([
    { name: '400 m repeats with jogs, no laps', make: (seed: number) => runRepeats(createRng(seed), false) },
    { name: '30 s bike sprints, no laps', make: (seed: number) => bikeSprints(createRng(seed), false) },
    { name: '30 s bike sprints with laps', make: (seed: number) => bikeSprints(createRng(seed), true) },
    {
      name: '5 × 3 min running, standing or auto-paused rests',
      make: (seed: number) => threeMinuteReps('running', createRng(seed), false),
    },
    { name: '5 × 3 min cycling with laps', make: (seed: number) => threeMinuteReps('cycling', createRng(seed), true) },
    { name: 'erg 500 m pieces with rests', make: (seed: number) => ergPieces(createRng(seed), false) },
    { name: 'reps of varying length', make: (seed: number) => varyingReps(createRng(seed), false) },
  ])('$name: intervals, every bout', ({ make }) => {
    for (const seed of [1, 2, 3]) {
      const { spec, label } = make(seed)
      const summary = summariseActivity(toParsedActivity(spec), EMPTY_PROFILE, { ignoreDeclaredSport: true })
      expect(summary.intervals).toBe(true)
      expect(summary.work_bouts).toHaveLength(label.bouts.length)
    }
  })

  it.each([
    { name: 'steady run with traffic lights', make: (seed: number) => lightsRun(createRng(seed)) },
    { name: 'hilly ride with power spikes on the climbs', make: (seed: number) => hillyRide(createRng(seed), false) },
    { name: 'run whose pace wanders (fartlek-like noise)', make: (seed: number) => wanderingRun(createRng(seed)) },
  ])('$name: not intervals', ({ make }) => {
    for (const seed of [1, 2, 3]) {
      const summary = summariseActivity(toParsedActivity(make(seed).spec), EMPTY_PROFILE, { ignoreDeclaredSport: true })
      expect(summary.intervals).toBe(false)
    }
  })
})
