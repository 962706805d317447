/**
 * Sweeps ../shared/corpus (STYLE.md, Tests): every file parses or fails with a contract code,
 * known-bad files fail with the code we chose, and the elapsed time matches MANIFEST.tsv.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { SKIP_WITHOUT_CORPUS } from '../helpers/corpus.js'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FitledgerError, UPLOAD_ERROR_CODES, type UploadErrorCode } from '../../src/errors.js'
import type { ParsedActivity } from '../../src/model.js'
import { parse } from '../../src/parse/index.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const corpus = path.resolve(repoRoot, '../shared/corpus')
const present = existsSync(path.join(corpus, 'MANIFEST.tsv'))
const LIMITS = { maxUncompressedBytes: 256 * 1024 * 1024 }

/** Files that must fail, and how (decisions in src/parse: see the NOTE comments there). */
const EXPECTED_ERRORS: Readonly<Record<string, UploadErrorCode>> = {
  'fit/fittrackee__example.fit': 'no_activity_data', // a course, not a recording
  'fit/python-fitparse__DeveloperData.fit': 'no_activity_data', // records without timestamps
  'fit/python-fitparse__MonitoringFile.fit': 'no_activity_data',
  'fit/python-fitparse__Settings2.fit': 'no_activity_data',
  'fit/python-fitparse__WeightScaleMultiUser.fit': 'no_activity_data',
  'fit/python-fitparse__WorkoutCustomTargetValues.fit': 'no_activity_data',
  'fit/python-fitparse__WorkoutRepeatSteps.fit': 'no_activity_data',
  'fit/python-fitparse__nametest.FIT': 'no_activity_data',
  'fit/tormoder-fit__Settings.fit': 'no_activity_data',
  'fit/sports-lib__empty-sessions.fit': 'unsupported_format', // 0 bytes: nothing identifies it
  'gpx/gpxpy__Mojstrovka.gpx': 'no_activity_data', // only INT32_MIN placeholder times
  'gpx/gpxpy__route.gpx': 'no_activity_data',
  'gpx/gpxpy__unicode_with_bom.gpx': 'no_activity_data',
  'tcx/rowingdata__faketcx.tcx': 'unsupported_format',
}

/** Work-arounds the parser must report for files known to need them. */
const EXPECTED_FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['fit/python-fitparse__antfs-dump.63.fit', 'compressed_timestamps'],
  ['fit/python-fitparse__event_timestamp.fit', 'hr_merged'],
  ['fit/python-fitparse__event_timestamp.fit', 'chained_fit'],
  ['fit/tormoder-fit__activity_poolswim_with_hr.fit', 'hr_merged'],
  ['fit/python-fitparse__activity-filecrc.fit', 'bad_crc'],
  ['fit/python-fitparse__activity-unexpected-eof.fit', 'truncated'],
  ['fit/python-fitparse__strava-android-app-201.10-b1218918.fit', 'truncated'],
  ['fit/python-fitparse__nick.fit', 'no_session'],
  ['fit/python-fitparse__activity-settings-corruptheader.fit', 'trailing_bytes'],
  ['gpx/sports-lib__6037744996.gpx', 'bom'],
  ['tcx/sports-lib__6281425038.tcx', 'leading_whitespace'],
  ['tcx/rowingdata__invalidchar.tcx', 'invalid_xml_chars'],
]

interface ManifestRow {
  readonly file: string
  readonly declared_sport: string
  readonly duration_s: string
}

function manifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n')
  const columns = (header ?? '').split('\t')
  const at = (cells: string[], name: string): string => cells[columns.indexOf(name)] ?? ''
  return lines.map((line) => {
    const cells = line.split('\t')
    return { file: at(cells, 'file'), declared_sport: at(cells, 'declared_sport'), duration_s: at(cells, 'duration_s') }
  })
}

function corpusFiles(): string[] {
  return ['fit', 'gpx', 'tcx', 'gz'].flatMap((dir) =>
    existsSync(path.join(corpus, dir))
      ? readdirSync(path.join(corpus, dir))
          .sort()
          .map((name) => `${dir}/${name}`)
      : [],
  )
}

const outcomes = new Map<string, Promise<ParsedActivity[] | FitledgerError>>()

/** Each file is parsed once; the tests below look at the same result. */
function outcome(file: string): Promise<ParsedActivity[] | FitledgerError> {
  let result = outcomes.get(file)
  if (result === undefined) {
    result = parseFile(file)
    outcomes.set(file, result)
  }
  return result
}

async function parseFile(file: string): Promise<ParsedActivity[] | FitledgerError> {
  try {
    return await parse(new Uint8Array(readFileSync(path.join(corpus, file))), LIMITS)
  } catch (err) {
    if (err instanceof FitledgerError) return err
    throw err
  }
}

/** The manifest's elapsed: session totals (FIT) or first lap start/point to last point (TCX/GPX). */
function elapsedS(activities: readonly ParsedActivity[]): number {
  return activities.reduce((sum, a) => {
    const t = a.columns.time_s
    return sum + (a.totals.elapsed_s ?? (t.length > 0 ? (t[t.length - 1] as number) - (t[0] as number) : 0))
  }, 0)
}

const rows = present ? manifest() : []
const timed = rows.filter(
  (r) =>
    /^\d+(\.\d+)?$/.test(r.duration_s) &&
    !r.declared_sport.includes('+') &&
    !r.declared_sport.startsWith('n/a') &&
    !r.declared_sport.startsWith('workout:') &&
    EXPECTED_ERRORS[r.file] === undefined,
)

describe.skipIf(SKIP_WITHOUT_CORPUS)(present ? 'corpus sweep' : `corpus sweep: ${corpus} is absent`, () => {
  it('the manifest lists every file in the corpus', () => {
    expect(corpusFiles().sort()).toEqual(rows.map((r) => r.file).sort())
  })

  it.each(present ? corpusFiles() : [])('%s parses or fails with its contract code', async (file) => {
    const result = await outcome(file)
    if (result instanceof FitledgerError) {
      expect(UPLOAD_ERROR_CODES).toContain(result.code)
      expect(result.code).toBe(EXPECTED_ERRORS[file] ?? 'parsed')
    } else {
      expect(EXPECTED_ERRORS[file]).toBeUndefined()
      expect(result.length).toBeGreaterThan(0)
      expect(result.map((a) => a.session_index)).toEqual(result.map((_, i) => i))
    }
  })

  // The manifest rounds to whole seconds, so allow 0.5 s on top of 1 %.
  it.each(timed.map((r) => [r.file, Number(r.duration_s)] as const))('%s lasts %d s (±1 %)', async (file, seconds) => {
    const result = await outcome(file)
    expect(result).toBeInstanceOf(Array)
    const elapsed = elapsedS(result as ParsedActivity[])
    expect(Math.abs(elapsed - seconds)).toBeLessThanOrEqual(Math.max(0.01 * seconds, 0.5))
  })

  it.each(EXPECTED_FLAGS)('%s is flagged %s', async (file, flag) => {
    const result = await outcome(file)
    expect(result).toBeInstanceOf(Array)
    expect((result as ParsedActivity[]).flatMap((a) => a.flags)).toContain(flag)
  })
})
