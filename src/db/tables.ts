import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { UploadErrorCode } from '../errors.js'
import type { DuplicateRule, EnergySource, Format, LapIntensity, Sex, Sport, SportSource, UploadKind, UploadStatus } from '../model.js'

/** The Postgres schema as kysely sees it (migrations/ is the source of truth). */
export interface Database {
  users: UsersTable
  api_tokens: ApiTokensTable
  profiles: ProfilesTable
  uploads: UploadsTable
  activities: ActivitiesTable
  laps: LapsTable
  activity_streams: ActivityStreamsTable
  week_source_removals: WeekSourceRemovalsTable
  intake_days: IntakeDaysTable
  weekly_aggregates: WeeklyAggregatesTable
  daily_aggregates: DailyAggregatesTable
  report_shares: ReportSharesTable
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface UsersTable {
  id: Generated<string>
  email: string
  name: string | null
  created_at: Generated<Date>
}

export interface ApiTokensTable {
  id: Generated<string>
  user_id: string
  token_sha256: Buffer
  label: string | null
  created_at: Generated<Date>
  last_used_at: Date | null
  revoked_at: Date | null
}

/** A share link: the link's token is never stored, only its SHA-256 (migration 0012). */
export interface ReportSharesTable {
  id: Generated<string>
  user_id: string
  token_sha256: Buffer
  from_week: string
  to_week: string
  created_at: Generated<Date>
  expires_at: Date
}

export interface ProfilesTable {
  user_id: string
  sex: Sex | null
  birth_year: number | null
  weight_kg: number | null
  height_cm: number | null
  hr_rest: number | null
  hr_max: number | null
  time_zone: Generated<string>
  goals: ColumnType<Record<string, number>, string | undefined, string>
  updated_at: Generated<Date>
  /** 0005: when weight, heart rate, sex or birth year last changed, and what re-analysis covered. */
  analysis_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  analysed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface UploadsTable {
  id: string
  user_id: string
  parent_id: string | null
  kind: Generated<UploadKind>
  filename: string
  object_key: string
  content_sha256: string
  size_bytes: ColumnType<string, number | bigint, number | bigint>
  status: UploadStatus
  error_code: UploadErrorCode | null
  error_message: string | null
  activity_ids: ColumnType<string[], string[] | undefined, string[]>
  duplicate_rule: DuplicateRule | null
  external_id: string | null
  sport_override: Sport | null
  name_override: string | null
  attempts: Generated<number>
  created_at: Generated<Date>
  updated_at: Timestamp
  finished_at: Date | null
  /** 0003: an archive child's path inside its archive; never used as a file path. */
  entry_path: ColumnType<string | null, string | null | undefined, string | null>
  /** 0003: set on an archive once every child row exists. */
  expanded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /** 0003: an archive's entries that are not activities. */
  skipped_entries: Generated<number>
  /** 0007: activities this upload made or matched that the user deleted since (gone from activity_ids). */
  deleted_activity_ids: ColumnType<string[], string[] | undefined, string[]>
}
export type UploadRow = Selectable<UploadsTable>

export interface ActivitiesTable {
  id: Generated<string>
  user_id: string
  upload_id: string
  content_sha256: string
  session_index: number
  name: string | null
  device: string | null
  file_serial: string | null
  file_created_at: Date | null
  format: Format
  compressed: boolean
  declared_sport: string | null
  sport: Sport
  sport_source: SportSource
  sport_confidence: number
  /** The summary's reasons for the sport (migration 0011); written from a readonly list. */
  sport_evidence: ColumnType<string[], readonly string[] | undefined, readonly string[]>
  intervals: boolean
  work_bouts: ColumnType<unknown[], string, string>
  start_time: ColumnType<Date, Date | string, Date | string>
  local_start_time: string | null
  local_time_zone: string | null
  elapsed_s: number
  moving_s: number
  distance_m: number | null
  hr_avg: number | null
  hr_max: number | null
  hr_min: number | null
  hr_zones_s: number[]
  trimp: number | null
  energy_kcal: number
  energy_source: EnergySource
  samples: number
  laps: number
  flags: string[]
  assumed: string[]
  created_at: Generated<Date>
  updated_at: Timestamp
}
export type ActivityRow = Selectable<ActivitiesTable>
export type NewActivity = Insertable<ActivitiesTable>

export interface LapsTable {
  activity_id: string
  lap_index: number
  start_s: number
  elapsed_s: number
  timer_s: number | null
  distance_m: number | null
  intensity: LapIntensity
  calories_kcal: number | null
  avg_hr_bpm: number | null
  max_hr_bpm: number | null
}

export interface ActivityStreamsTable {
  activity_id: string
  sample_count: number
  time_s: Buffer
  heart_rate_bpm: Buffer | null
  distance_m: Buffer | null
  speed_mps: Buffer | null
  cadence_rpm: Buffer | null
  power_w: Buffer | null
  lat_deg: Buffer | null
  lng_deg: Buffer | null
  altitude_m: Buffer | null
}

/** 0002: the food log, one row per user and local date ('YYYY-MM-DD'; read as text, see intake.ts). */
export interface IntakeDaysTable {
  user_id: string
  date: ColumnType<string, string, string>
  kcal: number
  water_ml: number | null
  protein_g: number | null
  updated_at: Generated<Date>
}

/** 0002: a week's aggregate (the WeekAggregate as jsonb), tagged with the source state it came from. */
export interface WeeklyAggregatesTable {
  user_id: string
  week: string
  time_zone: string
  body: ColumnType<unknown, string, string>
  source_stamp: string
  computed_at: Generated<Date>
}

/** 0002: the days of the stored weeks, for SQL readers; written with their week. */
export interface DailyAggregatesTable {
  user_id: string
  date: ColumnType<string, string, string>
  week: string
  sessions: number
  moving_min: number
  exercise_kcal: number
  intake_kcal: number | null
  balance_kcal: number | null
}

/**
 * 0007: a source row that left a week with no updated_at to show it: a deleted activity (its
 * start) or food-log day (its date), or an activity whose start moved. Written by triggers.
 */
export interface WeekSourceRemovalsTable {
  user_id: string
  start_time: Date | null
  date: ColumnType<string | null, string | null, string | null>
  removed_at: Generated<Date>
}
