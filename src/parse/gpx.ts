/**
 * GPX 1.0/1.1 → one ParsedActivity. All tracks and segments form one timeline; a time gap
 * between segments becomes a pause. Distance is derived from positions (haversine) and speed
 * is left null: analysis derives it from distance and time the same way for every format.
 */
import { FitledgerError } from '../errors.js'
import type { ParsedActivity } from '../model.js'
import { SampleBuilder, type Channel } from './columns.js'
import { cumulativeDistanceM } from './geo.js'
import { parseIsoTime } from './iso-time.js'
import { declaredSportFromText } from './sport-names.js'
import { TimedRows } from './timed-rows.js'
import { NO_TOTALS } from './totals.js'
import { readXml } from './xml.js'
import { asArray, child, labelOf, numberOf, textOf, type XmlNode } from './xml-node.js'

/**
 * Extension element names per channel, by local name. NOTE: gpx/sports-lib__6090674952.gpx
 * repeats heart rate as gpxtpx:hr, heartrate and gpxdata:hr; gpx/sports-lib__6909869014.gpx
 * puts <power> straight under <extensions>; gpx/sports-lib__amazfit.gpx uses ns3: prefixes.
 */
const EXTENSION_NAMES: ReadonlyArray<readonly [Channel, ReadonlySet<string>]> = [
  ['heart_rate_bpm', new Set(['hr', 'heartrate', 'HeartRate', 'heartRate', 'HeartRateBpm'])],
  ['cadence_rpm', new Set(['cad', 'cadence', 'Cadence', 'RunCadence'])],
  ['power_w', new Set(['power', 'Power', 'PowerInWatts', 'Watts', 'watts'])],
  ['speed_mps', new Set(['speed', 'Speed'])],
]

function findExtension(node: unknown, names: ReadonlySet<string>, depth: number): number {
  if (node === null || typeof node !== 'object' || depth > 3) return Number.NaN
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@_')) continue
    if (names.has(key)) {
      const n = numberOf(value)
      if (Number.isFinite(n)) return n
    } else if (typeof value === 'object') {
      const n = findExtension(Array.isArray(value) ? value[0] : value, names, depth + 1)
      if (Number.isFinite(n)) return n
    }
  }
  return Number.NaN
}

function countPoints(tracks: unknown[]): number {
  let n = 0
  for (const trk of tracks) for (const seg of asArray(child(trk, 'trkseg'))) n += asArray(child(seg, 'trkpt')).length
  return n
}

function firstLabel(nodes: unknown[], name: string): string | null {
  for (const node of nodes) {
    const label = labelOf(child(node, name))
    if (label !== null) return label
  }
  return null
}

export function parseGpx(bytes: Uint8Array, compressed: boolean): ParsedActivity[] {
  const { root, flags: xmlFlags } = readXml(bytes, 'gpx')
  const flags = [...xmlFlags]
  const tracks = asArray(root.trk)
  const total = countPoints(tracks)
  if (total === 0) {
    // NOTE: gpx/gpxpy__route.gpx (route only) and gpx/gpxpy__unicode_with_bom.gpx (waypoint only).
    throw new FitledgerError('no_activity_data', 'the GPX holds no track points (a route or waypoints only)')
  }
  const builder = new SampleBuilder(total)
  const rows = new TimedRows(builder)
  for (const trk of tracks) {
    for (const seg of asArray(child(trk, 'trkseg'))) {
      let opensSegment = true
      for (const pt of asArray(child(seg, 'trkpt'))) {
        if (!rows.add(parseIsoTime(textOf(child(pt, 'time'))), opensSegment)) continue
        opensSegment = false
        const lat = numberOf(child(pt, '@_lat'))
        const lng = numberOf(child(pt, '@_lon'))
        if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
          builder.set('lat_deg', lat)
          builder.set('lng_deg', lng)
        }
        builder.set('altitude_m', numberOf(child(pt, 'ele')))
        const extensions = child(pt, 'extensions')
        if (extensions !== undefined) {
          for (const [channel, names] of EXTENSION_NAMES) builder.set(channel, findExtension(extensions, names, 0))
        }
      }
    }
  }
  if (builder.length === 0) {
    // NOTE: gpx/gpxpy__Mojstrovka.gpx has only placeholder 1901 times.
    throw new FitledgerError('no_activity_data', 'no GPX track point has a usable time')
  }
  flags.push(...rows.flags())
  const columns = builder.build()
  let distance = columns.distance_m
  if (distance === null && columns.lat_deg !== null && columns.lng_deg !== null) {
    distance = cumulativeDistanceM(columns.lat_deg, columns.lng_deg)
    flags.push('distance_derived')
  }
  const metadata = child(root, 'metadata')
  return [
    {
      format: 'gpx',
      compressed,
      declared_sport: declaredSportFromText(firstLabel(tracks, 'type')),
      declared_sub_sport: null,
      start_ms: rows.startMs,
      utc_offset_s: null, // GPX times are UTC
      name: firstLabel(tracks, 'name') ?? labelOf(child(metadata, 'name')) ?? labelOf(root.name),
      device: labelOf(root['@_creator']),
      file_id: null,
      session_index: 0,
      totals: NO_TOTALS,
      laps: [],
      lengths: [],
      pauses: rows.pauses,
      columns: { ...columns, distance_m: distance },
      flags,
    },
  ]
}
