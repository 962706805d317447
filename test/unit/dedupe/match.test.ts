import { describe, expect, it } from 'vitest'
import { matchSession, sameTime, type SessionKey } from '../../../src/dedupe/match.js'

const T0 = Date.UTC(2024, 0, 1, 7)
const key = (start_s: number, elapsed_s: number, extra: Partial<SessionKey> = {}): SessionKey => ({
  start_ms: T0 + start_s * 1000,
  elapsed_s,
  file_serial: null,
  file_created_ms: null,
  session_index: 0,
  ...extra,
})

describe('sameTime: start within 60 s, elapsed within 5 %, and overlapping', () => {
  it.each([
    { a: key(0, 3600), b: key(59, 3600), same: true }, // 59 s apart
    { a: key(0, 3600), b: key(60, 3600), same: true }, // exactly 60 s: within
    { a: key(0, 3600), b: key(61, 3600), same: false },
    { a: key(0, 3600), b: key(0, 3420), same: true }, // 180 s shorter = 5.0 % of 3600
    { a: key(0, 3600), b: key(0, 3419), same: false }, // 181 s = 5.03 %
    { a: key(0, 40), b: key(40, 40), same: false }, // back to back: 40 s apart, not under 40/2 = 20 s
    { a: key(0, 40), b: key(15, 40), same: true }, // 15 s < 20 s: the same short effort
  ])('$a.start_ms/$a.elapsed_s vs $b.start_ms/$b.elapsed_s → $same', ({ a, b, same }) => {
    expect(sameTime(a, b)).toBe(same)
    expect(sameTime(b, a)).toBe(same)
  })
})

describe('matchSession', () => {
  it('prefers the same FIT file_id, then the closest start', () => {
    const fileId = { file_serial: '3900123', file_created_ms: T0 - 5000 }
    const stored = [
      { ...key(30, 3600), id: 'near' },
      { ...key(10, 3590), id: 'nearer' },
      { ...key(7200, 1800, fileId), id: 'file' }, // the same recording, whatever its times say
    ]
    expect(matchSession(key(0, 3600, fileId), stored)).toEqual({ activity: stored[2], rule: 'same_file_id' })
    expect(matchSession(key(0, 3600), stored)).toEqual({ activity: stored[1], rule: 'same_time' })
    expect(matchSession(key(4000, 3600), stored)).toBeNull()
  })
})
