import { type Config, loadConfig } from '../config.js'
import { FitledgerError } from '../errors.js'

/** Limits on what one archive may make us read (README, Configuration). */
export interface ArchiveCaps {
  readonly maxEntries: number
  readonly maxTotalBytes: number
  readonly maxEntryBytes: number
  readonly maxRatio: number
  readonly maxDepth: number
}

export function archiveCapsFrom(config: Config): ArchiveCaps {
  return {
    maxEntries: config.ARCHIVE_MAX_ENTRIES,
    maxTotalBytes: config.ARCHIVE_MAX_TOTAL_BYTES,
    maxEntryBytes: config.ARCHIVE_MAX_ENTRY_BYTES,
    maxRatio: config.ARCHIVE_MAX_RATIO,
    maxDepth: config.ARCHIVE_MAX_DEPTH,
  }
}

/** The defaults of src/config.ts, for callers that were given no configuration. */
export const DEFAULT_ARCHIVE_CAPS: ArchiveCaps = archiveCapsFrom(loadConfig({}))

/**
 * Small entries compress absurdly well for innocent reasons (a 4 KiB run of zeros deflates to a
 * few bytes); only past this size does a high ratio say "bomb".
 */
export const RATIO_FLOOR_BYTES = 1024 * 1024

export interface CapEntry {
  readonly name: string
  readonly uncompressed_bytes: number
  readonly compressed_bytes: number
}

/** Running totals over every archive level; `add` throws `archive_rejected` naming the cap. */
export class CapBudget {
  entries = 0
  bytes = 0
  constructor(readonly caps: ArchiveCaps) {}

  count(n: number): void {
    this.entries += n
    if (this.entries > this.caps.maxEntries) {
      throw reject(`more than ${this.caps.maxEntries} entries in all, over the entry count cap (ARCHIVE_MAX_ENTRIES)`)
    }
  }

  /** An entry we will read: its size, its ratio, and the running total. */
  add(entry: CapEntry, perEntryCap: boolean): void {
    const { name, uncompressed_bytes: size, compressed_bytes: packed } = entry
    if (perEntryCap && size > this.caps.maxEntryBytes) {
      throw reject(
        `entry ${name} inflates to ${size} bytes, over the per-entry cap of ${this.caps.maxEntryBytes} (ARCHIVE_MAX_ENTRY_BYTES)`,
      )
    }
    if (size > RATIO_FLOOR_BYTES && size / Math.max(packed, 1) > this.caps.maxRatio) {
      const ratio = Math.round(size / Math.max(packed, 1))
      throw reject(`entry ${name} has a compression ratio of ${ratio}:1, over the ratio cap of ${this.caps.maxRatio}:1 (ARCHIVE_MAX_RATIO)`)
    }
    this.bytes += size
    if (this.bytes > this.caps.maxTotalBytes) {
      throw reject(`the entries inflate to more than ${this.caps.maxTotalBytes} bytes, over the total size cap (ARCHIVE_MAX_TOTAL_BYTES)`)
    }
  }
}

function reject(message: string): FitledgerError {
  return new FitledgerError('archive_rejected', `archive rejected: ${message}`)
}
