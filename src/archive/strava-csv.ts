/**
 * Strava's bulk-export `activities.csv`: each activity's name and type, keyed by the file it
 * points at (`Filename`, e.g. `activities/1234.fit.gz`). Pure. The header repeats some names
 * (Strava writes "Elapsed Time" twice); the first column of a name wins.
 */
import { type Sport } from '../model.js'
import { sportFromStravaType } from './strava-sport.js'

export interface ActivityHint {
  readonly name: string | null
  /** Only when the Strava type names one of our sports exactly; see strava-sport.ts. */
  readonly sport: Sport | null
}

/** RFC 4180: fields may be quoted, and quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Filename (as written in the CSV, '/'-separated) → hint. Rows without a file are left out. */
export function stravaHints(csv: string): Map<string, ActivityHint> {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''))
  const hints = new Map<string, ActivityHint>()
  if (!header) return hints
  const column = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name)
  const file = column('filename')
  const title = column('activity name')
  const type = column('activity type')
  if (file < 0) return hints
  for (const row of rows) {
    const path = row[file]?.trim()
    if (!path) continue
    const name = title >= 0 ? row[title]?.trim() || null : null
    hints.set(path, { name: name?.slice(0, 255) ?? null, sport: type >= 0 ? sportFromStravaType(row[type] ?? '') : null })
  }
  return hints
}
