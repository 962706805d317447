import { describe, expect, it } from 'vitest'
import { runChaos } from '../chaos/run.js'

// A short fault-injection run (npm run chaos runs the long one): its own Redis and Postgres,
// an API and two workers; one worker is SIGKILLed mid-run, Redis restarts empty, and Postgres
// restarts while the workers' transactions are open. No process may die that the run did not kill.
describe('chaos, short', () => {
  it('loses and duplicates nothing across a worker kill, a Redis and a Postgres restart', async () => {
    const lines: string[] = []
    const report = await runChaos({
      files: 24,
      archiveOf: 0,
      workers: 2,
      corpus: false,
      faults: ['kill_worker', 'restart_redis', 'restart_postgres'],
      settleTimeoutS: 120,
      log: (line) => lines.push(line),
    })
    expect(report, lines.join('\n')).toMatchObject({ accepted: 24, final: 24, lost: 0, duplicated: 0, stillProcessing: 0, dangling: 0 })
    expect(report.byStatus).toEqual({ done: 24 })
    expect(report.unexpectedExits).toEqual([])
    expect(report.aggregates.wrong).toEqual([])
    expect(report.aggregates.weeks).toBeGreaterThan(0)
  }, 240_000)
})
