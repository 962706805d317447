/**
 * What `fitledger import` reads: files, folders (recursively) and zip archives (a Strava or
 * Garmin export, walked in place by archive/walk.ts with the same caps as the worker, so a
 * multi-gigabyte export never sits in memory). Each activity file is handed on one at a time.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArchiveCaps } from '../archive/caps.js'
import { classifyEntry } from '../archive/entry-name.js'
import type { ActivityHint } from '../archive/strava-csv.js'
import { type WalkedEntry, walkArchive } from '../archive/walk.js'
import { type FitledgerError, isFitledgerError } from '../errors.js'

export interface SourceFile {
  /** The path, or `archive.zip!/entry` inside an archive: what the summary names. */
  readonly label: string
  readonly filename: string
  readonly bytes: Uint8Array | null
  readonly error: FitledgerError | null
  readonly hint: ActivityHint | null
}

export interface SourceEvents {
  /** More files are known to come (a folder listed, an archive's directory read). */
  readonly planned: (files: number, skipped: number) => void
  readonly file: (file: SourceFile) => Promise<void>
}

/** In a folder, names decide what is worth reading; a file named on the command line is always read. */
async function listFolder(dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await listFolder(path, out)
    else if (entry.isFile() && ['activity', 'archive'].includes(classifyEntry(entry.name))) out.push(path)
  }
}

async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(4)
    await handle.read(head, 0, 4, 0)
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
  } finally {
    await handle.close()
  }
}

/** `export.zip!/ride.fit`; a path the zip holds again says which entry of that name it is. */
function entryLabel(zipPath: string, entry: WalkedEntry): string {
  return `${zipPath}!/${entry.path}${entry.occurrence > 0 ? ` (entry ${entry.occurrence + 1} of that name)` : ''}`
}

export async function readSources(paths: readonly string[], caps: ArchiveCaps, events: SourceEvents): Promise<void> {
  const files: string[] = []
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) await listFolder(path, files)
    else files.push(path)
  }
  for (const path of files) {
    if (!(await isZip(path))) {
      events.planned(1, 0)
      await events.file({ label: path, filename: path.split(/[/\\]/).pop() ?? path, bytes: new Uint8Array(await readFile(path)), error: null, hint: null })
      continue
    }
    try {
      await walkArchive(
        path,
        caps,
        (entry) => events.file({ label: entryLabel(path, entry), filename: entry.filename, bytes: entry.bytes, error: entry.error, hint: entry.hint }),
        (plan) => events.planned(plan.activities, plan.skipped),
      )
    } catch (err) {
      // A rejected or unreadable archive fails alone; the other inputs go on.
      if (!isFitledgerError(err)) throw err
      events.planned(1, 0)
      await events.file({ label: path, filename: path, bytes: null, error: err, hint: null })
    }
  }
}
