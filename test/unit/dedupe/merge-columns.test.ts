import { describe, expect, it } from 'vitest'
import { channelsToTake, lacksMergeable, mergeColumns, withStoredChannels } from '../../../src/dedupe/merge-columns.js'
import type { ParsedActivity, SampleColumns } from '../../../src/model.js'
import { NO_TOTALS } from '../../../src/parse/totals.js'

function activity(start_ms: number, time: number[], columns: Partial<SampleColumns>): ParsedActivity {
  const none = {
    heart_rate_bpm: null,
    distance_m: null,
    speed_mps: null,
    cadence_rpm: null,
    power_w: null,
    lat_deg: null,
    lng_deg: null,
    altitude_m: null,
  }
  return {
    format: 'gpx',
    compressed: false,
    declared_sport: null,
    declared_sub_sport: null,
    start_ms,
    utc_offset_s: null,
    name: null,
    device: null,
    file_id: null,
    session_index: 0,
    laps: [],
    lengths: [],
    pauses: [],
    flags: [],
    totals: NO_TOTALS,
    columns: { ...none, time_s: Float64Array.from(time), ...columns },
  }
}

describe('mergeColumns', () => {
  it('resamples by absolute time, nearest within 2 s, else a gap', () => {
    const base = activity(1_000_000, [0, 10, 20, 30], {})
    // extra starts 5 s later: its t=5 is base's t=10; base t=30 is extra t=25, 3 s from extra t=22
    const extra = activity(1_005_000, [0, 5, 15, 22], { heart_rate_bpm: Float32Array.from([90, 100, 110, 120]) })
    const merged = mergeColumns(base, extra, ['heart_rate_bpm'])
    // base t=0 → extra t=-5: nearest 0 is 5 s away → NaN; t=10 → 5 → 100; t=20 → 15 → 110; t=30 → 25: 22 is 3 s away → NaN
    expect(Array.from(merged.columns.heart_rate_bpm!)).toEqual([Number.NaN, 100, 110, Number.NaN])
    expect(merged.columns.time_s).toBe(base.columns.time_s)
    expect(merged.flags).toEqual(['merged_heart_rate_bpm'])
  })

  it('takes only channels the stored copy lacks and the new one recorded', () => {
    const incoming = activity(0, [0, 1], {
      heart_rate_bpm: Float32Array.from([100, 101]),
      power_w: Float32Array.from([Number.NaN, Number.NaN]),
      cadence_rpm: Float32Array.from([80, 81]),
    })
    expect(channelsToTake({ heart_rate_bpm: false, power_w: false, cadence_rpm: true }, incoming)).toEqual(['heart_rate_bpm'])
  })
})

describe('withStoredChannels', () => {
  const own = activity(1_000_000, [0, 1, 2], { cadence_rpm: Float32Array.from([80, 81, 82]) })
  const stored = (columns: Partial<SampleColumns>) => activity(1_000_000, [0, 1, 2], columns).columns

  it('gives back what a merge brought, and keeps what the file itself recorded', () => {
    const back = withStoredChannels(
      own,
      stored({ heart_rate_bpm: Float32Array.from([120, 121, 122]), cadence_rpm: Float32Array.from([1, 1, 1]) }),
    )
    expect(Array.from(back.columns.heart_rate_bpm!)).toEqual([120, 121, 122])
    expect(Array.from(back.columns.cadence_rpm!)).toEqual([80, 81, 82])
    expect(back.flags).toEqual(['merged_heart_rate_bpm'])
  })

  it('leaves the file as it is when nothing was merged', () => {
    expect(withStoredChannels(own, stored({ cadence_rpm: Float32Array.from([80, 81, 82]) }))).toBe(own)
  })

  it('says whether a file lacks a mergeable channel', () => {
    expect(lacksMergeable(own)).toBe(true)
    const full = Float32Array.from([1, 1, 1])
    expect(lacksMergeable(activity(0, [0, 1, 2], { heart_rate_bpm: full, power_w: full, cadence_rpm: full }))).toBe(false)
  })
})
