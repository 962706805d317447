import { describe, expect, it } from 'vitest'
import { type ChaosReport, problems } from '../../chaos/verify.js'

// Each promise the fault run checks must be able to break it: a clean report passes, and each
// broken promise alone fails it with its own line.
const clean: ChaosReport = {
  faults: ['kill_worker', 'restart_postgres'],
  accepted: 10,
  final: 10,
  lost: 0,
  duplicated: 0,
  duplicatePairs: [],
  stillProcessing: 0,
  dangling: 0,
  aggregates: { weeks: 3, equal: 3, wrong: [] },
  byStatus: { done: 10 },
  clientRetries: 4,
  clientStatuses: { '503': 4 },
  http500: 0,
  http503WithoutRetryAfter: 0,
  badAnswers: [],
  unexpectedExits: [],
  openTransactions: [{ heldByRun: true, byFitledger: 2 }],
  recoveryS: 9,
  settling: [
    [2, 5],
    [4, 0],
  ],
}

describe('problems', () => {
  it('finds none in a clean run', () => {
    expect(problems(clean, { recoveryTargetS: 15 })).toEqual([])
  })

  it.each([
    { broken: { lost: 1, final: 9 }, line: '1 accepted uploads not final' },
    {
      broken: { duplicatePairs: [{ user_id: 'u', ids: ['a', 'b'] as [string, string], rule: 'same_time' as const }] },
      line: '1 pairs of activities the duplicate rules match',
    },
    { broken: { http500: 2 }, line: '2 answers of 500' },
    { broken: { http503WithoutRetryAfter: 1 }, line: '1 answers of 503 without Retry-After' },
    {
      broken: { unexpectedExits: [{ command: 'work' as const, pid: 42, code: 1, signal: null, lastLines: [] }] },
      line: 'work 42 exited unkilled (code 1, signal null)',
    },
    { broken: { openTransactions: [] }, line: '1 Postgres restarts met no open transaction' },
    { broken: { recoveryS: 139 }, line: 'recovery took 139.0 s (target 15 s)' },
  ])('reports $line', ({ broken, line }) => {
    expect(problems({ ...clean, ...broken }, { recoveryTargetS: 15 })).toEqual([line])
  })
})
