/**
 * The weekly report as CSV (RFC 4180, CRLF): one row per day with a header, for spreadsheets. A
 * day's sessions are named in one cell; csvCell guards that cell against formula injection.
 * Unknown values (a day with no log) are empty cells, never 0.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { csvRow } from './csv-cell.js'

export const DAY_CSV_COLUMNS = [
  'week',
  'date',
  'weekday',
  'sessions',
  'moving_min',
  'exercise_kcal',
  'intake_kcal',
  'baseline_kcal',
  'balance_kcal',
  'low_intake',
  'water_ml',
  'protein_g',
  'activities',
] as const

export function renderCsv(agg: WeekAggregate): string {
  const rows = agg.days.map((d) => {
    const names = agg.sessions.filter((s) => s.date === d.date).map((s) => s.name ?? s.sport)
    return csvRow([
      agg.week,
      d.date,
      d.weekday,
      d.sessions,
      d.moving_min,
      d.exercise_kcal,
      d.intake_kcal,
      d.intake_kcal === null ? null : agg.energy.baseline_kcal_per_day, // counted on logged days only
      d.balance_kcal,
      d.intake_kcal === null ? null : d.low_intake,
      d.water_ml,
      d.protein_g,
      names.join('; '),
    ])
  })
  return csvRow(DAY_CSV_COLUMNS) + rows.join('')
}

export const SESSION_CSV_COLUMNS = [
  'id',
  'date',
  'local_time',
  'start_time',
  'sport',
  'name',
  'moving_min',
  'distance_m',
  'kcal',
  'intervals',
  'qualifying',
] as const

/** One row per session, for those who want the detail. */
export function renderSessionsCsv(agg: WeekAggregate): string {
  const rows = agg.sessions.map((s) =>
    csvRow([s.id, s.date, s.local_time, s.start_time, s.sport, s.name, s.moving_min, s.distance_m, s.kcal, s.intervals, s.qualifying]),
  )
  return csvRow(SESSION_CSV_COLUMNS) + rows.join('')
}
