/**
 * Walks the record headers of one FIT part without decoding fields, to find where the readable
 * records end. fit-file-parser throws away everything on the first bad or partial record, so
 * parts are cut at the last complete record before it reads them.
 */

export interface WalkResult {
  /** Offset, from the part start, just past the last complete record. */
  readonly end: number
  /** Every declared data byte was walked without a problem. */
  readonly complete: boolean
  readonly records: number
  readonly compressedTimestamps: boolean
}

const DEV_DATA_FLAG = 0x20

export function walkRecords(part: Uint8Array, headerSize: number, dataSize: number): WalkResult {
  const limit = Math.min(part.length, headerSize + dataSize)
  const sizes = new Int32Array(16).fill(-1) // local message type → data message size
  let offset = headerSize
  let records = 0
  let compressedTimestamps = false
  while (offset < limit) {
    const header = part[offset] as number
    let next: number
    if ((header & 0x80) !== 0) {
      // Compressed timestamp header: local type in bits 5–6 (FIT protocol).
      const size = sizes[(header >> 5) & 0x03] as number
      if (size < 0) break
      compressedTimestamps = true
      next = offset + 1 + size
    } else if ((header & 0x40) !== 0) {
      if (offset + 6 > limit) break
      const fieldCount = part[offset + 5] as number
      let cursor = offset + 6
      let size = 0
      for (let f = 0; f < fieldCount; f += 1, cursor += 3) size += cursor + 3 <= limit ? (part[cursor + 1] as number) : 0
      if ((header & DEV_DATA_FLAG) !== 0) {
        const devCount = cursor < limit ? (part[cursor] as number) : 0
        cursor += 1
        for (let f = 0; f < devCount; f += 1, cursor += 3) size += cursor + 3 <= limit ? (part[cursor + 1] as number) : 0
      }
      if (cursor > limit) break
      sizes[header & 0x0f] = size
      next = cursor
    } else {
      const size = sizes[header & 0x0f] as number
      if (size < 0 || (header & 0x10) !== 0) break // no definition, or a reserved bit set: not a record
      next = offset + 1 + size
    }
    if (next > limit) break
    offset = next
    records += 1
  }
  return { end: offset, complete: offset === headerSize + dataSize, records, compressedTimestamps }
}
