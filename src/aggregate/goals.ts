/**
 * The weekly goals (REGIMEN.md, Weekly goals), in the order the report lists them. A new goal is
 * one entry here: it is judged into its section's `met`, counted in the compliance score and
 * given a line in the report (report/goal-lines.ts asks for its detail); the values a user sets
 * for it are model.ts's GOAL_SETTINGS, which also feed the profile schema. Changing a judge
 * changes stored weeks' figures: bump RULES_VERSION (rules-version.ts) with it.
 */
import type { Goals } from '../model.js'
import type { GoalStatus } from './week-types.js'

/** What a week's goals are judged on: its counts, and the verdicts that need unrounded figures. */
export interface WeekTally {
  readonly goals: Goals
  readonly cardio: { readonly qualifying_sessions: number }
  readonly intervals: { readonly sessions: number }
  readonly strength: { readonly sessions: number }
  /** energy.ts judges the balance on unrounded daily figures. */
  readonly energy: { readonly met: GoalStatus }
  /** fluids.ts judges the average on unrounded millilitres. */
  readonly fluids: { readonly met: GoalStatus }
}

export interface Goal {
  readonly key: string
  readonly label: string
  /** true met, false missed, null unknown (nothing logged to judge by). */
  readonly judge: (week: WeekTally) => GoalStatus
}

export const GOALS = [
  { key: 'cardio', label: 'Cardio', judge: (w: WeekTally) => w.cardio.qualifying_sessions >= w.goals.cardio_sessions },
  { key: 'intervals', label: 'Intervals', judge: (w: WeekTally) => w.intervals.sessions >= w.goals.interval_sessions },
  { key: 'strength', label: 'Strength', judge: (w: WeekTally) => w.strength.sessions >= w.goals.strength_sessions },
  { key: 'energy', label: 'Energy', judge: (w: WeekTally) => w.energy.met },
  { key: 'fluids', label: 'Fluids', judge: (w: WeekTally) => w.fluids.met },
] as const satisfies readonly Goal[]

export type GoalKey = (typeof GOALS)[number]['key']

/** Each goal's verdict, by key, typed as its judge returns it (a counted goal is never unknown). */
export type GoalVerdicts = { readonly [G in (typeof GOALS)[number] as G['key']]: ReturnType<G['judge']> }

export function judgeGoals(week: WeekTally): GoalVerdicts {
  return Object.fromEntries(GOALS.map((g) => [g.key, g.judge(week)])) as GoalVerdicts
}
