/**
 * The week's goals (aggregate/goals.ts) as lines a person reads: name, status, and what it rests
 * on. Shared by the HTML badges and the CLI table so both say the same thing.
 */
import { GOALS, type GoalKey } from '../aggregate/goals.js'
import type { GoalStatus, WeekAggregate } from '../aggregate/week-types.js'
import { formatNumber } from './display-format.js'

export type GoalState = 'met' | 'missed' | 'unknown'

export interface GoalLine {
  readonly key: GoalKey
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

/** What each goal's verdict rests on, in words; a new goal in GOALS must say it here. */
const DETAIL: { readonly [K in GoalKey]: (agg: WeekAggregate) => string } = {
  cardio: (agg) => `${agg.cardio.qualifying_sessions} of ${agg.goals.cardio_sessions} sessions of ${agg.goals.cardio_min_minutes}+ min`,
  intervals: (agg) => `${agg.intervals.sessions} of ${agg.goals.interval_sessions}`,
  strength: (agg) => `${agg.strength.sessions} of ${agg.goals.strength_sessions}`,
  energy: energyDetail,
  fluids: fluidsDetail,
}

export function goalLines(agg: WeekAggregate): GoalLine[] {
  return GOALS.map((g) => ({ key: g.key, label: g.label, state: goalState(g.judge(agg)), detail: DETAIL[g.key](agg) }))
}

/** '4 of 5 goals met (80%)', or a plain sentence when nothing could be judged. */
export function complianceSentence(agg: WeekAggregate): string {
  const c = agg.compliance
  if (c.score === null) return 'no goal could be judged'
  return `${c.goals_met} of ${c.goals_total} goals met (${formatNumber(c.score * 100)}%)`
}
