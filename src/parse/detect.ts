/** Identifies a file by its content, never its name. */
import type { Format } from '../model.js'
import { readProlog } from './xml-prolog.js'

/** What the bytes are: one of our formats, or a wrapper around them. */
export type DetectedFormat = Format | 'gzip' | 'zip'

const FIT_SIGNATURE = [0x2e, 0x46, 0x49, 0x54] // ".FIT" at offset 8 (FIT protocol, file header)
const XML_SNIFF_BYTES = 64 * 1024

export function isFitHeaderAt(bytes: Uint8Array, offset: number): boolean {
  if (offset + 12 > bytes.length) return false
  const headerSize = bytes[offset]
  if (headerSize !== 12 && headerSize !== 14) return false
  return FIT_SIGNATURE.every((b, k) => bytes[offset + 8 + k] === b)
}

export function detectFormat(bytes: Uint8Array): DetectedFormat | null {
  if (isFitHeaderAt(bytes, 0)) return 'fit'
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip'
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return 'zip'
  }
  // Latin-1 keeps one char per byte, and all the markup we look for is ASCII.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, XML_SNIFF_BYTES))
  const prolog = readProlog(head)
  if (prolog === null) return null
  if (prolog.rootName === 'gpx') return 'gpx'
  if (prolog.rootName === 'TrainingCenterDatabase') return 'tcx'
  return null
}
