/**
 * The shared data model: what a parser produces and what analysis returns.
 * Field names that cross a boundary use the contract's snake_case with the unit last.
 */

/** The file formats fitledger reads: the type, the DB column's values and the JSON enum. */
export const FORMATS = ['fit', 'gpx', 'tcx'] as const
export type Format = (typeof FORMATS)[number]

/** FIT lap intensity; TCX/GPX laps have none. */
export type LapIntensity = 'active' | 'rest' | 'warmup' | 'cooldown' | 'recovery' | 'interval' | null

export interface Lap {
  readonly start_s: number // offset from the activity's start_ms
  readonly elapsed_s: number
  readonly timer_s: number | null
  readonly distance_m: number | null
  readonly intensity: LapIntensity
  readonly calories_kcal: number | null
  readonly avg_hr_bpm: number | null
  readonly max_hr_bpm: number | null
}

/** One pool length (FIT `length` message). */
export interface PoolLength {
  readonly start_s: number
  readonly elapsed_s: number
  readonly strokes: number | null
  readonly idle: boolean // a rest at the wall
}

/** A span in which the device timer was stopped (timer stop → start events). */
export interface Pause {
  readonly start_s: number
  readonly end_s: number
}

/** The device's own session summary; every value is null when the file does not give it. */
export interface SessionTotals {
  readonly elapsed_s: number | null
  readonly timer_s: number | null
  readonly distance_m: number | null
  readonly calories_kcal: number | null
  readonly avg_hr_bpm: number | null
  readonly max_hr_bpm: number | null
  readonly pool_length_m: number | null
  readonly num_lengths: number | null
}

/**
 * Samples in typed-array columns of equal length. A gap is NaN; a channel the file never
 * recorded is null.
 */
export interface SampleColumns {
  readonly time_s: Float64Array // since start_ms, never decreasing
  readonly heart_rate_bpm: Float32Array | null
  readonly distance_m: Float64Array | null // cumulative
  readonly speed_mps: Float32Array | null
  readonly cadence_rpm: Float32Array | null // steps or strokes or revolutions per minute, as recorded
  readonly power_w: Float32Array | null
  readonly lat_deg: Float64Array | null
  readonly lng_deg: Float64Array | null
  readonly altitude_m: Float32Array | null
}

export interface FileId {
  readonly serial_number: string | null
  readonly time_created_ms: number | null
  readonly manufacturer: string | null
  readonly product: string | null
}

/** One session of one sport, as a file states it. Parsers return one per session. */
export interface ParsedActivity {
  readonly format: Format
  readonly compressed: boolean
  /** The sport as the file declares it, lower-case (FIT sport name, TCX Sport, GPX type; Strava codes translated), or null. */
  readonly declared_sport: string | null
  /** FIT sub_sport name when given and not `generic`; otherwise null. */
  readonly declared_sub_sport: string | null
  readonly start_ms: number // UTC epoch milliseconds
  readonly utc_offset_s: number | null // only when the file says
  readonly name: string | null
  readonly device: string | null
  readonly file_id: FileId | null
  readonly session_index: number // position of this session in its file, from 0
  readonly totals: SessionTotals
  readonly laps: readonly Lap[]
  readonly lengths: readonly PoolLength[]
  readonly pauses: readonly Pause[]
  readonly columns: SampleColumns
  /** What the parser noticed and worked around, e.g. `chained_fit`, `hr_merged`, `truncated`. */
  readonly flags: readonly string[]
}

export interface ParseLimits {
  /** Cap on bytes after gunzip. */
  readonly maxUncompressedBytes: number
}

/**
 * The classified sports (REGIMEN.md, Sports): the type, the DB column's values and the JSON enum.
 * Four are only ever declared, never inferred (DECLARED_ONLY_SPORTS).
 */
export const SPORTS = [
  'running',
  'walking',
  'hiking',
  'cycling',
  'swimming',
  'rowing',
  'elliptical',
  'skiing',
  'paddling',
  'boxing',
  'dancing',
  'strength',
  'other',
] as const

export type Sport = (typeof SPORTS)[number]

export function isSport(value: string): value is Sport {
  return (SPORTS as readonly string[]).includes(value)
}

/** REGIMEN.md, Sports: cross-country skiing, paddling, boxing and dancing come only from a declaration. */
export const DECLARED_ONLY_SPORTS: readonly Sport[] = ['skiing', 'paddling', 'boxing', 'dancing']

/** REGIMEN.md, Sports: all but `strength` and `other` are cardio sports. */
export const CARDIO_SPORTS: ReadonlySet<Sport> = new Set(SPORTS.filter((s) => s !== 'strength' && s !== 'other'))

/** Where an activity's sport came from (CONTRACT.md, sport_source). */
export const SPORT_SOURCES = ['declared', 'inferred', 'user'] as const
export type SportSource = (typeof SPORT_SOURCES)[number]

/** Where an activity's energy came from (REGIMEN.md, Energy; CONTRACT.md, energy_source). */
export const ENERGY_SOURCES = ['device', 'heart_rate', 'met'] as const
export type EnergySource = (typeof ENERGY_SOURCES)[number]

/** An upload's states (CONTRACT.md, GET /v1/uploads/{id}). */
export const UPLOAD_STATUSES = ['queued', 'processing', 'done', 'failed', 'duplicate', 'skipped'] as const
export type UploadStatus = (typeof UPLOAD_STATUSES)[number]

/** An upload is one file or an archive of them. */
export const UPLOAD_KINDS = ['file', 'archive'] as const
export type UploadKind = (typeof UPLOAD_KINDS)[number]

/**
 * The rules that name a duplicate, in the order they run (uploads.duplicate_rule): `same_bytes`
 * by the database key, then dedupe/match.ts's `same_file_id` and `same_time`.
 */
export const DUPLICATE_RULES = ['same_bytes', 'same_file_id', 'same_time'] as const
export type DuplicateRule = (typeof DUPLICATE_RULES)[number]

export interface WorkBout {
  readonly start_s: number
  readonly duration_s: number
  readonly avg_hr: number | null
  readonly avg_speed_mps: number | null
  readonly avg_power_w: number | null
}

export interface GoalSetting {
  readonly type: 'integer' | 'number'
  readonly minimum: number
  readonly maximum: number
  readonly default: number
}

/**
 * The values a user can set for the weekly goals (REGIMEN.md, Weekly goals), each with its
 * default and the range a person (and a sane goal) can have: the Goals type, DEFAULT_GOALS and
 * the profile schema's goals (http/profile-json.ts) all come from here. The goals judged from
 * them are aggregate/goals.ts's GOALS.
 */
export const GOAL_SETTINGS = {
  cardio_sessions: { type: 'integer', minimum: 0, maximum: 21, default: 3 },
  cardio_min_minutes: { type: 'number', minimum: 1, maximum: 300, default: 30 },
  interval_sessions: { type: 'integer', minimum: 0, maximum: 14, default: 1 },
  strength_sessions: { type: 'integer', minimum: 0, maximum: 14, default: 2 },
  daily_deficit_kcal: { type: 'number', minimum: 0, maximum: 2000, default: 500 },
  min_intake_kcal: { type: 'number', minimum: 0, maximum: 5000, default: 1200 },
  fluids_ml: { type: 'number', minimum: 0, maximum: 10000, default: 1800 },
  activity_factor: { type: 'number', minimum: 1, maximum: 2.5, default: 1.2 },
} as const satisfies Readonly<Record<string, GoalSetting>>

export type GoalSettingKey = keyof typeof GOAL_SETTINGS

/** Per-user regimen goals (REGIMEN.md, Weekly goals). */
export type Goals = { readonly [K in GoalSettingKey]: number }

/** Each setting's value from its definition, keys in GOAL_SETTINGS' order. */
export function mapGoalSettings<T>(f: (setting: GoalSetting) => T): { readonly [K in GoalSettingKey]: T } {
  const entries = Object.entries(GOAL_SETTINGS).map(([key, setting]) => [key, f(setting)])
  return Object.fromEntries(entries) as { [K in GoalSettingKey]: T }
}

export const DEFAULT_GOALS: Goals = Object.freeze(mapGoalSettings((s) => s.default))

export const SEXES = ['male', 'female'] as const
export type Sex = (typeof SEXES)[number]

/** The athlete. Unknown values are null; analysis falls back to stated defaults. */
export interface Profile {
  readonly sex: Sex | null
  readonly birth_year: number | null
  readonly weight_kg: number | null
  readonly height_cm: number | null
  readonly hr_rest: number | null
  readonly hr_max: number | null
  readonly time_zone: string // IANA
  readonly goals: Goals
}

export const EMPTY_PROFILE: Profile = Object.freeze({
  sex: null,
  birth_year: null,
  weight_kg: null,
  height_cm: null,
  hr_rest: null,
  hr_max: null,
  time_zone: 'UTC',
  goals: DEFAULT_GOALS,
})

/** The analysis of one activity: the contract's summary fields (less `file` and `error`). */
export interface ActivitySummary {
  readonly format: Format
  readonly compressed: boolean
  readonly declared_sport: string | null
  readonly sport: Sport
  readonly sport_source: SportSource
  readonly sport_confidence: number
  /** The top reasons for the sport, for people: "cadence 86 spm (steps)", "declared by the file: running". */
  readonly sport_evidence: readonly string[]
  readonly intervals: boolean
  readonly work_bouts: readonly WorkBout[]
  readonly start_time: string // ISO 8601 UTC
  readonly local_start_time: string | null // ISO with offset: the file's own, else the profile's zone
  readonly local_time_zone: string | null // the zone local_start_time is in when the file gave no offset
  readonly elapsed_s: number
  readonly moving_s: number
  readonly distance_m: number | null
  readonly hr_avg: number | null
  readonly hr_max: number | null
  readonly hr_min: number | null
  readonly hr_zones_s: readonly [number, number, number, number, number]
  readonly trimp: number | null
  readonly energy_kcal: number
  readonly energy_source: EnergySource
  readonly samples: number
  readonly laps: number
  /** What analysis noticed and cleaned, e.g. `hr_spikes_removed`, `bogus_elapsed_time`. */
  readonly flags: readonly string[]
  /** Which profile values were assumed because the user had not given them. */
  readonly assumed: readonly string[]
}
