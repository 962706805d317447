import { existsSync, readFileSync } from 'node:fs'
import { encodeFit, encodeGpx, encodeTcx } from '../../fixtures/encode/index.js'
import type { ActivitySpec } from '../../fixtures/encode/spec.js'
import { CORPUS_DIR } from '../helpers/corpus.js'

/** Small real files of each kind: odd structure is where parsers break. Read in place. */
const CORPUS_SEEDS = [
  'fit/python-fitparse__garmin-fenix-5-run.fit',
  'fit/python-fitparse__activity-settings.fit',
  'fit/tormoder-fit__unterminated-strings.fit',
  'fit/python-fitparse__elemnt-bolt-no-application-id-inside-developer-data-id.fit',
  'gpx/sports-lib__garmin.gpx',
  'gpx/gpxpy__track-with-empty-segment.gpx',
  'tcx/rowingdata__painsled.tcx',
  'tcx/sports-lib__movescount.tcx',
]

function generatedSpec(): ActivitySpec {
  const n = 120
  const time_s = Array.from({ length: n }, (_, i) => i * 5)
  return {
    sessions: [
      {
        start_ms: Date.UTC(2026, 2, 1, 7),
        sport: { fit: 'running' },
        samples: {
          time_s,
          heart_rate_bpm: time_s.map((t) => 120 + (t % 60)),
          distance_m: time_s.map((t) => t * 3),
          speed_mps: time_s.map(() => 3),
          lat_deg: time_s.map((t) => 46 + t * 1e-5),
          lng_deg: time_s.map((t) => 14 + t * 1e-5),
        },
        laps: [
          { start_s: 0, duration_s: 300, intensity: 'active' },
          { start_s: 300, duration_s: 295, intensity: 'rest' },
        ],
      },
    ],
  }
}

export interface Seed {
  readonly name: string
  readonly bytes: Uint8Array
}

/** Generated FIT, GPX and TCX files, plus the corpus seeds when ../shared/corpus is there. */
export function loadSeeds(): Seed[] {
  const spec = generatedSpec()
  const seeds: Seed[] = [
    { name: 'gen:fit', bytes: encodeFit(spec) },
    { name: 'gen:gpx', bytes: encodeGpx(spec) },
    { name: 'gen:tcx', bytes: encodeTcx(spec) },
  ]
  for (const file of CORPUS_SEEDS) {
    if (existsSync(`${CORPUS_DIR}${file}`)) seeds.push({ name: `corpus:${file}`, bytes: readFileSync(`${CORPUS_DIR}${file}`) })
  }
  return seeds
}
