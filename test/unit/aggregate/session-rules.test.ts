import { describe, expect, it } from 'vitest'
import { isCardio, isIntervalSession, isQualifyingCardio, isStrength } from '../../../src/aggregate/session-rules.js'
import { DEFAULT_GOALS, type Sport } from '../../../src/model.js'

describe('session rules (REGIMEN.md, Weekly goals; 30 min default)', () => {
  it.each([
    { sport: 'running', intervals: false, moving_s: 1800, cardio: true, qualifying: true, interval: false, strength: false }, // 30:00 counts
    { sport: 'running', intervals: false, moving_s: 1799, cardio: true, qualifying: false, interval: false, strength: false },
    { sport: 'elliptical', intervals: true, moving_s: 1200, cardio: true, qualifying: false, interval: true, strength: false },
    { sport: 'rowing', intervals: true, moving_s: 2400, cardio: true, qualifying: true, interval: true, strength: false },
    { sport: 'hiking', intervals: false, moving_s: 7200, cardio: true, qualifying: true, interval: false, strength: false },
    { sport: 'strength', intervals: true, moving_s: 3600, cardio: false, qualifying: false, interval: false, strength: true },
    { sport: 'other', intervals: true, moving_s: 3600, cardio: false, qualifying: false, interval: false, strength: false },
  ] as const)('$sport $moving_s s intervals=$intervals', ({ cardio, qualifying, interval, strength, ...s }) => {
    const session = { ...s, sport: s.sport as Sport }
    expect([isCardio(session), isQualifyingCardio(session, DEFAULT_GOALS), isIntervalSession(session), isStrength(session)]).toEqual([
      cardio,
      qualifying,
      interval,
      strength,
    ])
  })

  it('follows a changed minimum: 45 min', () => {
    const goals = { ...DEFAULT_GOALS, cardio_min_minutes: 45 }
    expect(isQualifyingCardio({ sport: 'cycling', intervals: false, moving_s: 2699 }, goals)).toBe(false)
    expect(isQualifyingCardio({ sport: 'cycling', intervals: false, moving_s: 2700 }, goals)).toBe(true)
  })
})
