/**
 * Reads one FIT part with fit-file-parser, after cutting it at the last complete record
 * (walk.ts) so that a truncated or damaged tail does not lose the whole part.
 */
import FitParser, { FitEncoder } from 'fit-file-parser'
import type { ParsedFit } from 'fit-file-parser'
import { FitledgerError } from '../../errors.js'
import type { FitPart } from './chain.js'
import { type RecordOverrides, recordOverrides } from './developer-overrides.js'
import { walkRecords } from './walk.js'

/** The package exports only ParsedFit; its message types are read off it. */
type Item<T> = NonNullable<T> extends readonly (infer U)[] ? U : never
export type FitSession = Item<ParsedFit['sessions']>
export type FitLap = Item<ParsedFit['laps']>
export type FitLength = Item<ParsedFit['lengths']>
export type FitRecord = Item<ParsedFit['records']>
export type FitEvent = Item<ParsedFit['events']>
export type FitSport = Item<ParsedFit['sports']>
export type FitFileId = Item<ParsedFit['file_ids']>
export type FitHr = NonNullable<ParsedFit['hr']>
export type FitActivity = NonNullable<ParsedFit['activity']>

export interface FitMessages {
  readonly fileId: FitFileId | null
  readonly activity: FitActivity | null
  readonly sessions: readonly FitSession[]
  readonly laps: readonly FitLap[]
  readonly lengths: readonly FitLength[]
  readonly records: readonly FitRecord[]
  readonly events: readonly FitEvent[]
  readonly hr: readonly FitHr[]
  readonly sports: readonly FitSport[]
  /** Developer fields that stand in for native record fields (developer-overrides.ts). */
  readonly recordOverrides: RecordOverrides
  /** Complete FIT messages (definitions included) found in the part. */
  readonly recordCount: number
  /** What was worked around in this part: truncated, bad_crc, compressed_timestamps … */
  readonly flags: readonly string[]
}

const OPTIONS = { force: true, mode: 'list', speedUnit: 'm/s', lengthUnit: 'm', elapsedRecordField: false } as const

function crcMatches(part: FitPart): boolean {
  const crcAt = part.headerSize + part.dataSize
  const stored = (part.bytes[crcAt] as number) | ((part.bytes[crcAt + 1] as number) << 8)
  return FitEncoder.calculateCRC(part.bytes.subarray(0, crcAt)) === stored
}

/** A copy of the part ending at `end`, its header's data size rewritten to match. */
function cutAt(part: FitPart, end: number): ArrayBuffer {
  const copy = new Uint8Array(end + 2) // two zero CRC bytes; force mode does not check them
  copy.set(part.bytes.subarray(0, end))
  new DataView(copy.buffer).setUint32(4, end - part.headerSize, true)
  return copy.buffer
}

export async function readFitPart(part: FitPart): Promise<FitMessages> {
  const walk = walkRecords(part.bytes, part.headerSize, part.dataSize)
  const flags: string[] = []
  if (part.truncated || !walk.complete) flags.push('truncated')
  if (part.sizeMissing) flags.push('data_size_missing')
  if (walk.compressedTimestamps) flags.push('compressed_timestamps')
  if (!part.truncated && walk.complete && !part.sizeMissing && !crcMatches(part)) flags.push('bad_crc')
  let fit
  try {
    fit = await new FitParser(OPTIONS).parseAsync(cutAt(part, walk.end))
  } catch (cause) {
    // fit-file-parser rejects with a plain string; its text never becomes a code (STYLE.md).
    throw new FitledgerError('corrupt_file', 'the FIT data could not be decoded', {
      cause: cause instanceof Error ? cause : new Error(String(cause)),
    })
  }
  return {
    fileId: fit.file_ids?.[0] ?? null,
    activity: fit.activity ?? null,
    sessions: fit.sessions ?? [],
    laps: fit.laps ?? [],
    lengths: fit.lengths ?? [],
    records: fit.records ?? [],
    events: fit.events ?? [],
    hr: fit.messages?.hr ?? [],
    sports: fit.sports ?? [],
    recordOverrides: recordOverrides((fit as { field_descriptions?: unknown[] }).field_descriptions),
    recordCount: walk.records,
    flags,
  }
}
