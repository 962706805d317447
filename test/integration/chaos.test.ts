import { describe, expect, it } from 'vitest'
import { runChaos } from '../chaos/run.js'
import { problems } from '../chaos/verify.js'

// A short fault-injection run (npm run chaos runs the long one) on the default configuration:
// its own Redis and Postgres, an API and two workers; one worker is SIGKILLed mid-run, Redis
// restarts empty, and Postgres restarts while transactions are open. No process may die that the
// run did not kill. Every fourth file comes again in another format, which the duplicate rules
// must match. The deadline is far below RECONCILE_AFTER_S (120 s): the loss of Redis's data
// itself must set recovery going, not the uploads' age.
describe('chaos, short', () => {
  it('loses and duplicates nothing across a worker kill, a Redis and a Postgres restart', async () => {
    const lines: string[] = []
    const report = await runChaos({
      files: 24,
      recodeEvery: 4,
      archiveOf: 0,
      workers: 2,
      corpus: false,
      faults: ['kill_worker', 'restart_redis', 'restart_postgres'],
      settleTimeoutS: 40,
      log: (line) => lines.push(line),
    })
    const context = [...lines, JSON.stringify(report)].join('\n')
    expect(problems(report), context).toEqual([])
    expect(report, context).toMatchObject({ accepted: 30, final: 30, http500: 0, unexpectedExits: [] })
    expect(report.byStatus, context).toEqual({ done: 24, duplicate: 6 })
    expect(report.aggregates.weeks).toBeGreaterThan(0)
  }, 120_000)
})
