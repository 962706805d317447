import { describe, expect, it } from 'vitest'
import { EMPTY_PROFILE, type Profile } from '../../../src/model.js'
import { summariseActivity } from '../../../src/analyse/summarise.js'
import { isoWithOffset, localStart } from '../../../src/analyse/local-time.js'
import { makeActivity, seconds } from './make-activity.js'

const NO_TOTALS = makeActivity({ time_s: [0] }).totals
const MAN: Profile = { ...EMPTY_PROFILE, sex: 'male', birth_year: 1991, weight_kg: 80, height_cm: 180, hr_rest: 60, hr_max: 180 }

describe('summary fields', () => {
  it.each([
    { ms: Date.UTC(2026, 2, 1, 6, 5), offset: 3600, want: '2026-03-01T07:05:00+01:00' },
    { ms: Date.UTC(2026, 2, 1, 6, 5), offset: -5 * 3600 - 1800, want: '2026-03-01T00:35:00-05:30' },
    { ms: Date.UTC(2026, 2, 1, 6, 5), offset: null, want: null },
  ])('local start at offset $offset → $want', ({ ms, offset, want }) => {
    expect(isoWithOffset(ms, offset)).toBe(want)
  })

  it.each([
    // The file's own offset wins: it is the device's clock.
    { ms: Date.UTC(2026, 2, 1, 6, 5), offset: 3600, zone: 'America/New_York', want: ['2026-03-01T07:05:00+01:00', null] },
    // 06:05Z on 1 March: New York is on standard time, UTC−5 → 01:05.
    { ms: Date.UTC(2026, 2, 1, 6, 5), offset: null, zone: 'America/New_York', want: ['2026-03-01T01:05:00-05:00', 'America/New_York'] },
    // 06:05Z on 1 July: summer time, UTC−4 → 02:05.
    { ms: Date.UTC(2026, 6, 1, 6, 5), offset: null, zone: 'America/New_York', want: ['2026-07-01T02:05:00-04:00', 'America/New_York'] },
    // Kolkata is UTC+5:30 all year → 11:35.
    { ms: Date.UTC(2026, 6, 1, 6, 5), offset: null, zone: 'Asia/Kolkata', want: ['2026-07-01T11:35:00+05:30', 'Asia/Kolkata'] },
  ])('local start with file offset $offset in $zone → $want', ({ ms, offset, zone, want }) => {
    const { local_start_time, local_time_zone } = localStart(ms, offset, zone)
    expect([local_start_time, local_time_zone]).toEqual(want)
  })

  it('without HR or distance: nulls, zero zones, MET energy', () => {
    const summary = summariseActivity(makeActivity({ time_s: seconds(1801) }), EMPTY_PROFILE)
    expect(summary.start_time).toBe('2026-03-01T06:05:00Z')
    // No offset in the file: the profile's zone (UTC for the empty profile), and it says so.
    expect([summary.local_start_time, summary.local_time_zone]).toEqual(['2026-03-01T06:05:00+00:00', 'UTC'])
    expect(summary.distance_m).toBeNull()
    expect([summary.hr_avg, summary.hr_max, summary.hr_min, summary.trimp]).toEqual([null, null, null, null])
    expect(summary.hr_zones_s).toEqual([0, 0, 0, 0, 0])
    expect(summary.energy_source).toBe('met')
    // 'other' 4.0 MET × 75 kg (default) × 0.5 h = 150 kcal
    expect(summary.energy_kcal).toBe(150)
    expect(summary.assumed).toEqual(expect.arrayContaining(['sex', 'age', 'weight_kg']))
  })

  it('heart-rate energy: Keytel over 600 s at 150 bpm for a 35-year-old man of 80 kg', () => {
    // 62.5016 kJ/min / 4.184 = 14.93824 kcal/min × 10 min = 149.38 kcal (age = 2026 − 1991 = 35)
    const t = seconds(601)
    const summary = summariseActivity(makeActivity({ time_s: t, heart_rate_bpm: t.map(() => 150) }), MAN)
    expect(summary.energy_source).toBe('heart_rate')
    expect(summary.energy_kcal).toBe(149.4)
    // 150 bpm: (150 − 60)/120 = 0.75 → Z3 for all 600 s
    expect(summary.hr_zones_s).toEqual([0, 0, 600, 0, 0])
    // 10 min × 0.75 × 0.64·e^(1.92·0.75) = 7.5 × 0.64 × 4.2207 = 20.26
    expect(summary.trimp).toBe(20.3)
  })

  it('the device total wins, then the laps sum (TCX)', () => {
    const t = seconds(601)
    const hr = t.map(() => 150)
    const device = makeActivity({ time_s: t, heart_rate_bpm: hr }, { totals: { ...NO_TOTALS, calories_kcal: 321 } })
    expect(summariseActivity(device, MAN)).toMatchObject({ energy_kcal: 321, energy_source: 'device' })
    const lap = {
      start_s: 0,
      elapsed_s: 300,
      timer_s: 300,
      distance_m: null,
      intensity: null,
      calories_kcal: 40,
      avg_hr_bpm: null,
      max_hr_bpm: null,
    }
    const laps = makeActivity({ time_s: t, heart_rate_bpm: hr }, { laps: [lap, { ...lap, start_s: 300, calories_kcal: 45 }] })
    expect(summariseActivity(laps, MAN)).toMatchObject({ energy_kcal: 85, energy_source: 'device' })
  })
})
