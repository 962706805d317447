/**
 * Where a worker's time goes, by stage of the data path (issue 6: `npm run bench:import` prints
 * it). Totals of wall time spent inside each stage across all jobs; with concurrency above one,
 * they add up to more than the elapsed time.
 */
export type Stage = 'claim' | 'storage' | 'parse' | 'analysis' | 'database' | 'expand'

export interface StageClock {
  time<T>(stage: Stage, work: () => Promise<T> | T): Promise<T>
  totals(): Record<Stage, number>
}

export function createStageClock(now: () => number = () => performance.now()): StageClock {
  const totals: Record<Stage, number> = { claim: 0, storage: 0, parse: 0, analysis: 0, database: 0, expand: 0 }
  return {
    async time(stage, work) {
      const start = now()
      try {
        return await work()
      } finally {
        totals[stage] += (now() - start) / 1000
      }
    },
    totals: () => ({ ...totals }),
  }
}

/** For callers that do not measure. */
export const NO_CLOCK: StageClock = { time: async (_stage, work) => work(), totals: () => createStageClock().totals() }
