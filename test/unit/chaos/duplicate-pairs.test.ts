import { describe, expect, it } from 'vitest'
import { duplicatePairs, type StoredActivityKey } from '../../chaos/duplicates.js'

// The chaos run's duplicate check must be able to fail: it applies dedupe/match.ts's rules to
// what was stored, so a pair the worker should have merged is found whatever its bytes were.
const T0 = Date.UTC(2024, 4, 5, 6)
const activity = (id: string, fields: Partial<StoredActivityKey> = {}): StoredActivityKey => ({
  id,
  user_id: 'u1',
  upload_id: `upload-${id}`,
  start_ms: T0,
  elapsed_s: 3600,
  file_serial: null,
  file_created_ms: null,
  session_index: 0,
  ...fields,
})

describe('duplicatePairs', () => {
  it('finds a ride stored from its FIT and its GPX (same_time)', () => {
    const fit = activity('a', { file_serial: '3900123456', file_created_ms: T0 + 3_700_000 })
    const gpx = activity('b', { start_ms: T0 + 1000, elapsed_s: 3599 })
    expect(duplicatePairs([fit, gpx])).toEqual([{ user_id: 'u1', ids: ['a', 'b'], rule: 'same_time' }])
  })

  it('finds one recording re-saved with other bytes (same_file_id), however far apart the starts', () => {
    const file = { file_serial: '3900123456', file_created_ms: T0 }
    expect(duplicatePairs([activity('a', file), activity('b', { ...file, start_ms: T0 + 3_600_000 })])).toEqual([
      { user_id: 'u1', ids: ['a', 'b'], rule: 'same_file_id' },
    ])
  })

  it('counts each pair once; in a triple each activity meets its nearest', () => {
    // a, b, c start 5 s apart: a's nearest is b, b's is a (the tie goes to the first), c's is b.
    const three = [activity('a'), activity('b', { start_ms: T0 + 5000 }), activity('c', { start_ms: T0 + 10_000 })]
    expect(
      duplicatePairs(three)
        .map((p) => p.ids.join('~'))
        .sort(),
    ).toEqual(['a~b', 'b~c'])
  })

  it.each([
    { why: 'a day apart', b: activity('b', { start_ms: T0 + 86_400_000 }) },
    { why: 'another user', b: activity('b', { user_id: 'u2' }) },
    { why: 'two sessions of one upload', b: activity('b', { upload_id: 'upload-a', session_index: 1 }) },
    { why: 'elapsed 10 % apart', b: activity('b', { elapsed_s: 3240 }) },
  ])('finds none for $why', ({ b }) => {
    expect(duplicatePairs([activity('a'), b])).toEqual([])
  })
})
