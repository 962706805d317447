/**
 * What `fitledger import` reads: files, folders (recursively) and zip archives (a Strava or
 * Garmin export, walked in place by archive/walk.ts with the same caps as the worker, so a
 * multi-gigabyte export never sits in memory). Each activity file is handed on one at a time.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArchiveCaps } from '../archive/caps.js'
import { classifyEntry } from '../archive/entry-name.js'
import type { ActivityHint } from '../archive/strava-csv.js'
import { type WalkedEntry, walkArchive } from '../archive/walk.js'
import { type FitledgerError, isFitledgerError } from '../errors.js'
import { readSourceFile, type Skip, skipForError } from './source-file.js'

export interface SourceFile {
  /** The path, or `archive.zip!/entry` inside an archive: what the summary names. */
  readonly label: string
  readonly filename: string
  /** At most one of bytes, error and skip is set. */
  readonly bytes: Uint8Array | null
  readonly error: FitledgerError | null
  /** A file that could not be read at all (issue 10, item 3): said, and the run goes on. */
  readonly skip: Skip | null
  readonly hint: ActivityHint | null
}

export interface SourceEvents {
  /**
   * More files are known to come (a folder listed, an archive's directory read), and the labels
   * of the archive entries passed over as not activities (a photo, a CSV).
   */
  readonly planned: (files: number, notActivities: readonly string[]) => void
  /** Every file there is has been planned: the total is final (said once). */
  readonly counted: () => void
  readonly file: (file: SourceFile) => Promise<void>
}

const baseName = (path: string) => path.split(/[/\\]/).pop() ?? path

/**
 * In a folder, names decide what is worth reading; a file named on the command line is always
 * read. Anything with a workout's name is listed, whatever it is (a FIFO, a link to nothing),
 * so that it is reported rather than passed over in silence; only folders are walked into.
 */
async function listFolder(dir: string, out: string[], events: SourceEvents): Promise<void> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (err) {
    events.planned(1, [])
    await events.file({ label: dir, filename: baseName(dir), bytes: null, error: null, skip: await skipForError(dir, err), hint: null })
    return
  }
  // In name order, so that a listing of what was done reads like the folder.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) await listFolder(path, out, events)
    else if (['activity', 'archive'].includes(classifyEntry(entry.name))) out.push(path)
  }
}

/** `export.zip!/ride.fit`; a path the zip holds again says which entry of that name it is. */
function entryLabel(zipPath: string, entry: WalkedEntry): string {
  return `${zipPath}!/${entry.path}${entry.occurrence > 0 ? ` (entry ${entry.occurrence + 1} of that name)` : ''}`
}

const isArchiveName = (path: string) => classifyEntry(baseName(path)) === 'archive'

/**
 * Lists every path first, so the total is known before the first file is read, except for
 * archives: each counts as one file until its directory is read, and the total is final once
 * every file named like an archive has been opened (issue 12, item 4: an honest progress bar).
 */
export async function readSources(paths: readonly string[], caps: ArchiveCaps, events: SourceEvents): Promise<void> {
  const files: string[] = []
  // A path named on the command line that does not exist is a mistake in the command: it stops
  // the run (cli/failure.ts says so in one line) before anything is sent.
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) await listFolder(path, files, events)
    else files.push(path)
  }
  let unopened = files.filter(isArchiveName).length
  events.planned(files.length - unopened, [])
  if (unopened === 0) events.counted()
  /** An archive by name is now counted, as what it holds or as the one file it turned out to be. */
  const opened = (path: string, files: number, notActivities: readonly string[]) => {
    events.planned(files - (isArchiveName(path) ? 0 : 1), notActivities)
    if (isArchiveName(path) && --unopened === 0) events.counted()
  }

  for (const path of files) {
    const source = await readSourceFile(path, { leaveZips: true })
    if (source.kind !== 'zip') {
      if (isArchiveName(path)) opened(path, 1, [])
      const [bytes, skip] = source.kind === 'file' ? [source.bytes, null] : [null, source.skip]
      await events.file({ label: path, filename: baseName(path), bytes, error: null, skip, hint: null })
      continue
    }
    let planned = false
    try {
      await walkArchive(
        path,
        caps,
        (entry) =>
          events.file({
            label: entryLabel(path, entry),
            filename: entry.filename,
            bytes: entry.bytes,
            error: entry.error,
            skip: null,
            hint: entry.hint,
          }),
        (plan) => {
          planned = true
          opened(
            path,
            plan.activities,
            plan.others.map((other) => `${path}!/${other}`),
          )
        },
      )
    } catch (err) {
      // A rejected or unreadable archive fails alone; the other inputs go on.
      if (!isFitledgerError(err)) throw err
      if (planned) events.planned(1, [])
      else opened(path, 1, [])
      await events.file({ label: path, filename: path, bytes: null, error: err, skip: null, hint: null })
    }
  }
}
