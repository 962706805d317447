/** Fluids (REGIMEN.md: 1.8 L a day on average over the days with a fluid log, only when logged). */
import type { Goals } from '../model.js'
import { roundMl } from './round.js'
import type { GoalStatus, IntakeDay } from './week-types.js'

export interface FluidsAggregate {
  readonly logged_days: number
  readonly avg_ml: number | null
  readonly met: GoalStatus
}

export function aggregateFluids(intake: readonly IntakeDay[], goals: Goals): FluidsAggregate {
  const logged = intake.flatMap((d) => (d.water_ml === null ? [] : [d.water_ml]))
  if (logged.length === 0) return { logged_days: 0, avg_ml: null, met: null }
  const avg = logged.reduce((sum, ml) => sum + ml, 0) / logged.length
  return { logged_days: logged.length, avg_ml: roundMl(avg), met: avg >= goals.fluids_ml }
}
