/**
 * Step 5 of the data path: bytes → ParsedActivity[], one per session. Pure: no I/O, no clock.
 * Formats are told apart by content (detect.ts); one level of gzip is unwrapped.
 */
import { FitledgerError } from '../errors.js'
import type { ParsedActivity, ParseLimits } from '../model.js'
import { detectFormat } from './detect.js'
import { parseFit } from './fit/index.js'
import { parseGpx } from './gpx.js'
import { gunzipCapped } from './gunzip.js'
import { parseTcx } from './tcx.js'

export { detectFormat, type DetectedFormat } from './detect.js'

export async function parse(bytes: Uint8Array, limits: ParseLimits): Promise<ParsedActivity[]> {
  const activities = await parseFormat(bytes, limits)
  // Issue 10, item 6: an activity is placed in time or it is not an activity. A NaN start would
  // pass every parser and fail only when saved, where it looked like our own fault (`internal`).
  if (activities.some((a) => !Number.isFinite(a.start_ms) || Math.abs(a.start_ms) > MAX_DATE_MS)) {
    throw new FitledgerError('no_activity_data', 'the file does not say when the activity started')
  }
  return activities
}

/** The largest epoch milliseconds a Date can hold (ECMA-262, Time Values and Time Range). */
const MAX_DATE_MS = 8.64e15

async function parseFormat(bytes: Uint8Array, limits: ParseLimits): Promise<ParsedActivity[]> {
  let format = detectFormat(bytes)
  let body = bytes
  const compressed = format === 'gzip'
  if (format === 'gzip') {
    body = await gunzipCapped(bytes, limits.maxUncompressedBytes)
    format = detectFormat(body)
    // A gzip inside a gzip is unwrapped no further: no device writes one, and each level
    // would multiply what a small upload can inflate to.
    if (format === 'gzip') throw new FitledgerError('unsupported_format', 'a gzip file inside a gzip file is not accepted')
  }
  switch (format) {
    case 'fit':
      return parseFit(body, compressed)
    case 'gpx':
      return parseGpx(body, compressed)
    case 'tcx':
      return parseTcx(body, compressed)
    case 'zip':
      throw new FitledgerError('unsupported_format', 'a zip archive is not a workout file; upload it as an archive')
    default:
      throw new FitledgerError('unsupported_format', body.length === 0 ? 'the file is empty' : 'the content is not FIT, GPX or TCX')
  }
}
