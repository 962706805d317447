/**
 * The input and output of a week's aggregation. The output is CONTRACT.md's weekly report JSON,
 * key for key and in its order; fields past the contract come last in each object, each marked.
 */
import type { Goals, Profile, Sport } from '../model.js'

/** One analysed session, as the database keeps it (ActivitySummary plus id and name). */
export interface WeekActivity {
  readonly id: string
  readonly start_time: string // ISO 8601 UTC
  readonly sport: Sport
  readonly intervals: boolean
  readonly moving_s: number
  readonly distance_m: number | null
  readonly energy_kcal: number
  readonly hr_zones_s: readonly number[] // [z1..z5]
  readonly name: string | null
}

/** One day of the food log (CONTRACT.md, POST /v1/intake). */
export interface IntakeDay {
  readonly date: string // YYYY-MM-DD, local
  readonly kcal: number
  readonly water_ml: number | null
  readonly protein_g: number | null
}

export interface WeekInput {
  readonly week: string // '2026-W47'
  readonly profile: Profile
  /** May hold sessions and days outside the week: only those in it are counted. */
  readonly activities: readonly WeekActivity[]
  readonly intake: readonly IntakeDay[]
}

/** true met, false missed, null unknown (nothing logged to judge by). */
export type GoalStatus = boolean | null

export interface DayAggregate {
  readonly date: string
  readonly sessions: number
  readonly moving_min: number
  readonly exercise_kcal: number
  readonly intake_kcal: number | null // null: not logged, never 0
  readonly balance_kcal: number | null
  // beyond the contract
  readonly weekday: string // 'Mon' … 'Sun'
  readonly water_ml: number | null
  readonly protein_g: number | null
  readonly low_intake: boolean // logged and below goals.min_intake_kcal
}

export interface SportAggregate {
  readonly sessions: number
  readonly moving_min: number
  readonly distance_m: number | null // null when no session of the sport has a distance
  readonly kcal: number
}

export interface SessionRow {
  readonly id: string
  readonly date: string // local
  readonly start_time: string // ISO 8601 UTC, as stored
  readonly sport: Sport
  readonly intervals: boolean
  readonly moving_min: number
  readonly kcal: number
  readonly name: string | null
  readonly qualifying: boolean // counts toward the cardio goal
  // beyond the brief's list
  readonly local_time: string // 'HH:MM' in the profile's zone
  readonly distance_m: number | null
}

export interface EnergyAggregate {
  readonly exercise_kcal: number // every session of the week
  readonly baseline_kcal: number | null // logged days only; null with none logged
  readonly intake_kcal: number | null
  readonly logged_days: number
  readonly balance_kcal: number | null // intake − (baseline + exercise) over logged days
  readonly avg_daily_deficit_kcal: number | null // positive = deficit
  readonly projected_weight_change_kg: number | null
  readonly low_intake_days: number
  readonly met: GoalStatus
  // beyond the contract
  readonly baseline_kcal_per_day: number
}

export interface WeekAggregate {
  readonly week: string
  readonly time_zone: string
  readonly from: string
  readonly to: string
  readonly goals: Goals
  readonly cardio: {
    readonly sessions: number
    readonly qualifying_sessions: number
    readonly minutes: number
    readonly met: boolean
  }
  readonly intervals: { readonly sessions: number; readonly met: boolean }
  readonly strength: { readonly sessions: number; readonly met: boolean }
  readonly energy: EnergyAggregate
  readonly fluids: { readonly logged_days: number; readonly avg_ml: number | null; readonly met: GoalStatus }
  readonly days: readonly DayAggregate[]
  readonly by_sport: Readonly<Partial<Record<Sport, SportAggregate>>>
  readonly compliance: { readonly goals_met: number; readonly goals_total: number; readonly score: number | null }
  // beyond the contract
  readonly hr_zones_s: readonly [number, number, number, number, number]
  readonly sessions: readonly SessionRow[]
  readonly assumed: readonly string[]
}
