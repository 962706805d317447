/**
 * `fitledger inspect FILE... [--json] [--ignore-declared-sport] [--profile P.json]` (CONTRACT.md):
 * analyses files offline. One bad file never stops the others; the exit code is 1 at the end
 * when any failed.
 */
import { summariseActivity } from '../analyse/summarise.js'
import { FitledgerError, isFitledgerError } from '../errors.js'
import type { ActivitySummary, Profile } from '../model.js'
import { EMPTY_PROFILE } from '../model.js'
import { effectiveProfile } from '../db/profiles.js'
import { mergeProfile, PROFILE_FILE_SCHEMA, type ProfileChange } from '../http/profile-json.js'
import { compileValidator } from '../validation.js'
import { parse } from '../parse/index.js'

export interface InspectOptions {
  readonly json: boolean
  readonly ignoreDeclaredSport: boolean
  readonly profilePath?: string
}

export interface InspectIo {
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  readonly readFile: (p: string) => Promise<Uint8Array>
}

const LIMITS = { maxUncompressedBytes: 512 * 1024 * 1024 }

/** The contract's summary fields, in its order (CONTRACT.md, Activity summary). */
const FIELDS = [
  'format',
  'compressed',
  'declared_sport',
  'sport',
  'sport_source',
  'sport_confidence',
  'sport_evidence',
  'intervals',
  'work_bouts',
  'start_time',
  'local_start_time',
  'local_time_zone',
  'elapsed_s',
  'moving_s',
  'distance_m',
  'hr_avg',
  'hr_max',
  'hr_min',
  'hr_zones_s',
  'trimp',
  'energy_kcal',
  'energy_source',
  'samples',
  'laps',
] as const

type Line = Record<string, unknown>

function okLine(file: string, summary: ActivitySummary): Line {
  const line: Line = { file }
  for (const key of FIELDS) line[key] = summary[key]
  line.flags = summary.flags
  line.assumed = summary.assumed
  line.error = null
  return line
}

function errorLine(file: string, err: unknown): Line {
  const line: Line = { file }
  for (const key of FIELDS) line[key] = null
  const known = isFitledgerError(err)
  line.error = { code: known ? err.code : 'internal', message: known ? err.message : `analysis failed: ${String(err)}` }
  return line
}

/** The profile file takes what PUT /v1/profile takes, checked by the same schema and rules. */
const checkProfile = compileValidator<ProfileChange>(PROFILE_FILE_SCHEMA, 'the profile')

/** A partial JSON profile: missing fields are unknown (defaults apply), as in the API. */
export function parseProfile(text: string, thisYear: number): Profile {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new FitledgerError('bad_request', `the profile is not valid JSON: ${(err as Error).message}`)
  }
  const empty = { ...EMPTY_PROFILE, goals: {}, updated_at: null }
  return effectiveProfile({ ...mergeProfile(empty, checkProfile(raw), thisYear), updated_at: null })
}

const fmt = (v: unknown, digits = 0): string =>
  typeof v === 'number' ? v.toFixed(digits) : v === null || v === undefined ? '-' : String(v)
const clock = (s: unknown): string => {
  if (typeof s !== 'number') return '-'
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h}:${String(m).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`
}

/** A readable, aligned table of the lines. */
export function formatTable(lines: readonly Line[]): string {
  const head = ['file', 'sport', 'src', 'conf', 'int', 'start', 'elapsed', 'moving', 'km', 'hr', 'kcal', 'energy', 'error']
  const rows = lines.map((l) => [
    String(l.file),
    fmt(l.sport),
    fmt(l.sport_source),
    fmt(l.sport_confidence, 2),
    l.intervals === true ? `yes(${(l.work_bouts as unknown[]).length})` : l.intervals === false ? 'no' : '-',
    fmt(l.start_time),
    clock(l.elapsed_s),
    clock(l.moving_s),
    typeof l.distance_m === 'number' ? (l.distance_m / 1000).toFixed(2) : '-',
    fmt(l.hr_avg),
    fmt(l.energy_kcal),
    fmt(l.energy_source),
    l.error === null ? '' : `${(l.error as { code: string }).code}: ${(l.error as { message: string }).message}`,
  ])
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)))
  const render = (cells: readonly string[]): string =>
    cells
      .map((c, k) => c.padEnd(widths[k]!))
      .join('  ')
      .trimEnd()
  return [render(head), ...rows.map(render)].join('\n') + '\n'
}

export async function runInspect(files: string[], opts: InspectOptions, io: InspectIo): Promise<number> {
  let profile: Profile = EMPTY_PROFILE
  if (opts.profilePath !== undefined) {
    try {
      profile = parseProfile(new TextDecoder().decode(await io.readFile(opts.profilePath)), new Date().getFullYear())
    } catch (err) {
      io.stderr.write(`fitledger inspect: cannot use profile ${opts.profilePath}: ${(err as Error).message}\n`)
      return 2
    }
  }
  let failed = false
  const lines: Line[] = []
  for (const file of files) {
    let fileLines: Line[]
    try {
      const activities = await parse(await io.readFile(file), LIMITS)
      fileLines = activities.map((a) => okLine(file, summariseActivity(a, profile, { ignoreDeclaredSport: opts.ignoreDeclaredSport })))
    } catch (err) {
      failed = true
      fileLines = [
        errorLine(
          file,
          isFitledgerError(err) || !(err instanceof Error && 'code' in err)
            ? err
            : new FitledgerError('bad_request', `cannot read the file: ${err.message}`),
        ),
      ]
    }
    if (opts.json) for (const line of fileLines) io.stdout.write(`${JSON.stringify(line)}\n`)
    lines.push(...fileLines)
  }
  if (!opts.json) io.stdout.write(formatTable(lines))
  return failed ? 1 : 0
}
