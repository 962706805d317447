/**
 * Walks a zip on disk (and zips nested in it, ARCHIVE_MAX_DEPTH deep) and hands each activity
 * entry to `onEntry`, one at a time. Two passes: the first reads only central directories and
 * checks every cap, so an archive past a cap is rejected before a single child exists; the
 * second reads entries. Memory holds one entry; nested zips go to a private temp folder under
 * names we choose. Used by the worker (archive uploads) and `fitledger import` alike.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FitledgerError } from '../errors.js'
import { type ArchiveCaps, CapBudget } from './caps.js'
import { classifyEntry, entryBaseName } from './entry-name.js'
import { type ActivityHint, stravaHints } from './strava-csv.js'
import { type OpenZip, openZip, type ZipEntry } from './zip-file.js'

export interface WalkedEntry {
  /** Where it sits, nested levels joined by `!/` (e.g. `export.zip!/1.fit`); for display only. */
  readonly path: string
  /**
   * How many entries before this one have the same path (0 for the first). A zip can hold one
   * path twice (an export appended to, a tool that writes an entry again); each is an entry of
   * its own. Counted in directory order, so a walk of the same archive gives the same numbers.
   */
  readonly occurrence: number
  readonly filename: string
  readonly hint: ActivityHint | null
  /** Exactly one of bytes and error is set: a broken entry fails alone. */
  readonly bytes: Buffer | null
  readonly error: FitledgerError | null
}

export interface WalkSummary {
  readonly activities: number
  /** Entries that are not activities (photos, JSON, CSV other than the hints). */
  readonly skipped: number
  /** Where each of those sits, as WalkedEntry.path, for a listing that names them. */
  readonly others: readonly string[]
}

interface Planned {
  readonly zip: OpenZip
  readonly entry: ZipEntry
  readonly path: string
  readonly topLevel: boolean
}

export async function walkArchive(
  zipPath: string,
  caps: ArchiveCaps,
  onEntry: (entry: WalkedEntry) => Promise<void>,
  onPlanned?: (summary: WalkSummary) => void,
): Promise<WalkSummary> {
  const temp = await mkdtemp(join(tmpdir(), 'fitledger-zip-'))
  const opened: OpenZip[] = []
  try {
    const budget = new CapBudget(caps)
    const planned: Planned[] = []
    const others: string[] = []
    let hintsEntry = null as ZipEntry | null
    const scan = async (zip: OpenZip, depth: number, prefix: string): Promise<void> => {
      opened.push(zip)
      budget.count(zip.entries.length)
      for (const entry of zip.entries) {
        const kind = classifyEntry(entry.name)
        const path = `${prefix}${entry.name}`
        if (kind === 'directory') continue
        if (kind === 'other') others.push(path)
        else if (kind === 'unsafe') planned.push({ zip, entry, path, topLevel: depth === 0 })
        else if (kind === 'hints' && depth === 0) {
          budget.add(entry, true)
          hintsEntry = entry
        } else if (kind === 'hints') others.push(path)
        else if (kind === 'activity') {
          budget.add(entry, true)
          planned.push({ zip, entry, path, topLevel: depth === 0 })
        } else {
          if (depth + 1 > caps.maxDepth) {
            throw new FitledgerError(
              'archive_rejected',
              `archive rejected: ${path} is a zip nested deeper than the nesting depth cap of ${caps.maxDepth} (ARCHIVE_MAX_DEPTH)`,
            )
          }
          budget.add(entry, false)
          const file = join(temp, `${opened.length}.zip`)
          await zip.extractTo(entry, file)
          await scan(await openZip(file, caps.maxEntries - budget.entries), depth + 1, `${path}!/`)
        }
      }
    }
    await scan(await openZip(zipPath, caps.maxEntries), 0, '')

    const summary = { activities: planned.length, skipped: others.length, others }
    onPlanned?.(summary)
    const top = opened[0]!
    const hints = hintsEntry === null ? new Map<string, ActivityHint>() : stravaHints((await top.read(hintsEntry)).toString('utf8'))
    const seen = new Map<string, number>()
    for (const { zip, entry, path, topLevel } of planned) {
      const occurrence = seen.get(path) ?? 0
      seen.set(path, occurrence + 1)
      const where = { path, occurrence, filename: entryBaseName(entry.name), hint: topLevel ? (hints.get(entry.name) ?? null) : null }
      const error = entryError(entry)
      if (error) {
        await onEntry({ ...where, bytes: null, error })
        continue
      }
      let bytes: Buffer
      try {
        bytes = await zip.read(entry)
      } catch (err) {
        if (!(err instanceof FitledgerError)) throw err
        await onEntry({ ...where, bytes: null, error: err })
        continue
      }
      await onEntry({ ...where, bytes, error: null })
    }
    return summary
  } finally {
    for (const zip of opened) zip.close()
    await rm(temp, { recursive: true, force: true })
  }
}

/** Entries we refuse to read at all; each fails alone. */
function entryError(entry: ZipEntry): FitledgerError | null {
  if (classifyEntry(entry.name) === 'unsafe') {
    return new FitledgerError('archive_rejected', `entry name ${JSON.stringify(entry.name)} points outside the archive; it was not read`)
  }
  if (entry.encrypted) return new FitledgerError('unsupported_format', `entry ${entry.name} is encrypted; fitledger reads no passwords`)
  return null
}
