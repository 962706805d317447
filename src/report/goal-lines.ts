/**
 * The week's five goals as lines a person reads: name, status, and what it rests on. Shared by
 * the HTML badges and the CLI table so both say the same thing.
 */
import type { GoalStatus, WeekAggregate } from '../aggregate/week-types.js'
import { formatNumber } from './display-format.js'

export type GoalState = 'met' | 'missed' | 'unknown'

export interface GoalLine {
  readonly key: 'cardio' | 'intervals' | 'strength' | 'energy' | 'fluids'
  readonly label: string
  readonly state: GoalState
  readonly detail: string
}

export function goalState(status: GoalStatus): GoalState {
  return status === null ? 'unknown' : status ? 'met' : 'missed'
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

function energyDetail(agg: WeekAggregate): string {
  const e = agg.energy
  if (e.logged_days === 0 || e.avg_daily_deficit_kcal === null) return 'no intake logged this week'
  const avg = e.avg_daily_deficit_kcal
  const deficit = avg >= 0 ? `${formatNumber(avg)} kcal/day deficit` : `${formatNumber(-avg)} kcal/day surplus`
  const low = e.low_intake_days > 0 ? `; ${plural(e.low_intake_days, 'day')} below ${formatNumber(agg.goals.min_intake_kcal)} kcal` : ''
  return `${deficit} of ${formatNumber(agg.goals.daily_deficit_kcal)} over ${plural(e.logged_days, 'logged day')}${low}`
}

function fluidsDetail(agg: WeekAggregate): string {
  const f = agg.fluids
  if (f.avg_ml === null) return 'no fluids logged this week'
  return `${formatNumber(f.avg_ml / 1000, 1)} L/day of ${formatNumber(agg.goals.fluids_ml / 1000, 1)} L over ${plural(f.logged_days, 'day')}`
}

export function goalLines(agg: WeekAggregate): GoalLine[] {
  const g = agg.goals
  return [
    {
      key: 'cardio',
      label: 'Cardio',
      state: goalState(agg.cardio.met),
      detail: `${agg.cardio.qualifying_sessions} of ${g.cardio_sessions} sessions of ${g.cardio_min_minutes}+ min`,
    },
    { key: 'intervals', label: 'Intervals', state: goalState(agg.intervals.met), detail: `${agg.intervals.sessions} of ${g.interval_sessions}` },
    { key: 'strength', label: 'Strength', state: goalState(agg.strength.met), detail: `${agg.strength.sessions} of ${g.strength_sessions}` },
    { key: 'energy', label: 'Energy', state: goalState(agg.energy.met), detail: energyDetail(agg) },
    { key: 'fluids', label: 'Fluids', state: goalState(agg.fluids.met), detail: fluidsDetail(agg) },
  ]
}

/** '4 of 5 goals met (80%)', or a plain sentence when nothing could be judged. */
export function complianceSentence(agg: WeekAggregate): string {
  const c = agg.compliance
  if (c.score === null) return 'no goal could be judged'
  return `${c.goals_met} of ${c.goals_total} goals met (${formatNumber(c.score * 100)}%)`
}
