import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodeGpx, encodeTcx } from '../../../fixtures/encode/index.js'
import type { ActivitySpec } from '../../../fixtures/encode/spec.js'
import { CORPUS_DIR, HAVE_CORPUS } from '../../helpers/corpus.js'
import { type ParsedTimes, parsedTimes } from '../../helpers/parse-start-times.js'

// Issue 10, item 4: GPX and TCX times are UTC (GPX 1.1 schema: "not local time"), even when a
// file leaves out the Z. The parser runs in child processes under other zones: setting
// process.env.TZ in this process would prove less than a process that starts in that zone.
const START_MS = Date.UTC(2026, 10, 2, 6, 0, 0) // Monday 2026-11-02 06:00Z
const spec: ActivitySpec = {
  sessions: [
    {
      start_ms: START_MS,
      sport: { fit: 'running' },
      samples: { time_s: [0, 60, 120], heart_rate_bpm: [120, 125, 130], distance_m: [0, 180, 360] },
      laps: [{ start_s: 0, duration_s: 120, intensity: 'active' }],
    },
  ],
}
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8')
/** Drops the zone designator from every time: `…T06:00:00Z` → `…T06:00:00`. */
const withoutZ = (bytes: Uint8Array) => Buffer.from(text(bytes).replace(/(T\d\d:\d\d:\d\d(?:\.\d+)?)Z/g, '$1'))
const withOffset = (bytes: Uint8Array, offset: string) =>
  Buffer.from(
    text(bytes).replace(
      /T(\d\d):(\d\d:\d\d(?:\.\d+)?)Z/g,
      (_, h: string, rest: string) => `T${String((Number(h) + 5) % 24).padStart(2, '0')}:${rest}${offset}`,
    ),
  )

const GENERATED: Record<string, Uint8Array> = {
  'gpx without Z': withoutZ(encodeGpx(spec)),
  'tcx without Z': withoutZ(encodeTcx(spec)),
  'gpx with Z': encodeGpx(spec),
  'tcx with Z': encodeTcx(spec),
  'gpx at +05:00': withOffset(encodeGpx(spec), '+05:00'),
  'tcx at +05:00': withOffset(encodeTcx(spec), '+05:00'),
}

function corpusXml(): Record<string, Uint8Array> {
  if (!HAVE_CORPUS) return {}
  const out: Record<string, Uint8Array> = {}
  for (const dir of ['gpx', 'tcx', 'gz']) {
    for (const name of readdirSync(`${CORPUS_DIR}${dir}`))
      if (!/\.fit/i.test(name)) out[`${dir}/${name}`] = readFileSync(`${CORPUS_DIR}${dir}/${name}`)
  }
  return out
}

const SCRIPT = fileURLToPath(new URL('../../helpers/parse-start-times.ts', import.meta.url))

function parseIn(timeZone: string, files: Record<string, Uint8Array>): ParsedTimes {
  const input = JSON.stringify(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v).toString('base64')])))
  const child = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT], {
    input,
    env: { ...process.env, TZ: timeZone },
    maxBuffer: 64 * 1024 * 1024,
  })
  if (child.status !== 0) throw new Error(`the child in ${timeZone} failed: ${child.stderr.toString()}`)
  return JSON.parse(child.stdout.toString()) as ParsedTimes
}

describe.each([
  { timeZone: 'Asia/Kolkata', offsetMin: -330 },
  { timeZone: 'America/Los_Angeles', offsetMin: 480 },
])('on a host in $timeZone', ({ timeZone, offsetMin }) => {
  const files = { ...GENERATED, ...corpusXml() }
  const run = parseIn(timeZone, files)

  it('runs in that zone (else the checks below prove nothing)', () => {
    expect(run.host_offset_min).toBe(offsetMin)
  })

  it.each(Object.keys(GENERATED))('reads %s as 06:00Z', (name) => {
    expect(run.files[name]).toEqual([{ start_ms: START_MS, last_s: 120, lap_starts_s: name.startsWith('tcx') ? [0] : [] }])
  })

  it('reads every corpus GPX and TCX file as a UTC host does', async () => {
    expect(run.files).toEqual(await parsedTimes(files))
  })
})
