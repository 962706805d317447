/**
 * yauzl, promisified and narrowed to what expansion needs. The zip is read from a file on disk
 * (random access to its central directory), so memory holds one entry at a time, never the
 * archive. Names are decoded here but not validated by yauzl: a hostile name must fail its own
 * entry (entry-name.ts), not abort the whole walk.
 */
import { createWriteStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { FitledgerError } from '../errors.js'

export interface ZipEntry {
  readonly name: string
  readonly uncompressed_bytes: number
  readonly compressed_bytes: number
  readonly encrypted: boolean
  readonly raw: Entry
}

export interface OpenZip {
  readonly entries: readonly ZipEntry[]
  /** The entry's bytes; fails `corrupt_file` on a bad CRC, bad deflate data or a size that lies. */
  read(entry: ZipEntry): Promise<Buffer>
  /** Streams the entry into a file at `path` (a name we chose, never the entry's). */
  extractTo(entry: ZipEntry, path: string): Promise<void>
  close(): void
}

// yauzl exports this helper but @types/yauzl 2.x does not declare it.
const decodeName = (yauzl as unknown as { getFileNameLowLevel(flags: number, raw: Buffer, extra: unknown, strict: boolean): string })
  .getFileNameLowLevel

function openFile(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }
    yauzl.open(path, options, (err, zip) => (err ? reject(err) : resolve(zip)))
  })
}

function readDirectory(zip: ZipFile): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = []
    zip.on('entry', (raw: Entry) => {
      const extra = (raw as unknown as { extraFields: unknown }).extraFields
      entries.push({
        name: decodeName(raw.generalPurposeBitFlag, raw.fileName as unknown as Buffer, extra, false),
        uncompressed_bytes: raw.uncompressedSize,
        compressed_bytes: raw.compressedSize,
        encrypted: raw.isEncrypted(),
        raw,
      })
      zip.readEntry()
    })
    zip.once('end', () => resolve(entries))
    zip.once('error', reject)
    zip.readEntry()
  })
}

function corrupt(name: string, cause: unknown): FitledgerError {
  return new FitledgerError('corrupt_file', `archive entry ${name} is damaged: ${(cause as Error).message}`, { cause })
}

/**
 * Opens a zip and reads its central directory. The entry count is checked against `maxEntries`
 * before a single entry is read, so a directory of a million entries costs nothing.
 */
export async function openZip(path: string, maxEntries: number): Promise<OpenZip> {
  let zip: ZipFile
  try {
    zip = await openFile(path)
  } catch (err) {
    throw new FitledgerError('corrupt_file', `the zip archive cannot be read: ${(err as Error).message}`, { cause: err })
  }
  if (zip.entryCount > maxEntries) {
    zip.close()
    throw new FitledgerError(
      'archive_rejected',
      `the archive has ${zip.entryCount} entries, over the entry count cap of ${maxEntries} (ARCHIVE_MAX_ENTRIES)`,
    )
  }
  let entries: ZipEntry[]
  try {
    entries = await readDirectory(zip)
  } catch (err) {
    zip.close()
    throw new FitledgerError('corrupt_file', `the zip's central directory is damaged: ${(err as Error).message}`, { cause: err })
  }
  const stream = (entry: ZipEntry) =>
    new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry.raw, (err, s) => (err ? reject(corrupt(entry.name, err)) : resolve(s))),
    )
  return {
    entries,
    async read(entry) {
      const chunks: Buffer[] = []
      try {
        for await (const chunk of await stream(entry)) chunks.push(chunk as Buffer)
      } catch (err) {
        throw err instanceof FitledgerError ? err : corrupt(entry.name, err)
      }
      return Buffer.concat(chunks)
    },
    async extractTo(entry, path) {
      try {
        await pipeline(await stream(entry), createWriteStream(path, { flags: 'wx' }))
      } catch (err) {
        throw err instanceof FitledgerError ? err : corrupt(entry.name, err)
      }
    },
    close: () => zip.close(),
  }
}
