/**
 * How many of the week's goals were met. A goal that cannot be judged (null: no intake or fluid
 * log) is left out of the total rather than counted as missed, so a person who does not log
 * fluids is not punished for it; the report still shows it as "unknown".
 */
import { roundRatio } from './round.js'
import type { GoalStatus } from './week-types.js'

export interface Compliance {
  readonly goals_met: number
  readonly goals_total: number
  /** goals_met / goals_total, 0..1 to 0.001; null when no goal could be judged. */
  readonly score: number | null
}

export function scoreCompliance(statuses: readonly GoalStatus[]): Compliance {
  const judged = statuses.filter((s): s is boolean => s !== null)
  const met = judged.filter((s) => s).length
  return {
    goals_met: met,
    goals_total: judged.length,
    score: judged.length === 0 ? null : roundRatio(met / judged.length),
  }
}
