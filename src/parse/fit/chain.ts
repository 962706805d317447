/**
 * Splits chained FIT files. A FIT file may be followed by further FIT files in the same byte
 * stream (FIT protocol, "chained FIT files"); fit-file-parser reads only the first.
 * Each part is header + declared data size + 2 CRC bytes.
 */
import { isFitHeaderAt } from '../detect.js'

export interface FitPart {
  readonly bytes: Uint8Array // the part as found, possibly shorter than declared
  readonly headerSize: number
  /** Data bytes available to read: the declared size, or what the input holds when it is shorter. */
  readonly dataSize: number
  readonly truncated: boolean
  readonly sizeMissing: boolean
}

export interface FitChain {
  readonly parts: readonly FitPart[]
  /** Bytes after the last part that do not start another FIT header. */
  readonly trailingBytes: number
}

export function splitFitChain(bytes: Uint8Array): FitChain {
  const parts: FitPart[] = []
  let offset = 0
  while (offset < bytes.length && isFitHeaderAt(bytes, offset)) {
    const headerSize = bytes[offset] as number
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset + 4, 4)
    const declared = view.getUint32(0, true)
    const available = bytes.length - offset - headerSize
    if (declared === 0 && available > 2) {
      // NOTE: fit/sports-lib__empty-activities.fit declares 0 data bytes, as a device does
      // before it closes the file, and ~86 KB of records follow: read to the end of the input.
      parts.push({ bytes: bytes.subarray(offset), headerSize, dataSize: available, truncated: false, sizeMissing: true })
      return { parts, trailingBytes: 0 }
    }
    const end = offset + headerSize + declared + 2
    if (end > bytes.length) {
      // NOTE: fit/python-fitparse__activity-unexpected-eof.fit ends inside its data; the
      // walker (walk.ts) keeps the complete records.
      const dataSize = Math.max(0, Math.min(declared, available))
      parts.push({ bytes: bytes.subarray(offset), headerSize, dataSize, truncated: true, sizeMissing: false })
      return { parts, trailingBytes: 0 }
    }
    parts.push({ bytes: bytes.subarray(offset, end), headerSize, dataSize: declared, truncated: false, sizeMissing: false })
    offset = end
  }
  // NOTE: fit/python-fitparse__activity-settings-corruptheader.fit: 83 bytes after the first
  // file start with a damaged header (".GIT"); they are ignored.
  return { parts, trailingBytes: bytes.length - offset }
}
