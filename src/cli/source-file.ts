/**
 * Reading one file a user pointed `import` or `sync` at, without ever letting that file stop
 * the run (issue 10, item 3). Folders hold 0-byte files, FIFOs, dangling links and files that
 * vanish or cannot be read; each becomes a skip with its reason, and the run goes on.
 */
import { constants } from 'node:fs'
import { type FileHandle, lstat, open } from 'node:fs/promises'

/** Why a file was not sent: the closed list, with the words the summary uses. */
export const SKIP_REASONS = {
  empty: 'the file is empty',
  missing: 'no such file (moved or deleted after it was listed?)',
  broken_symlink: 'a symbolic link to nothing',
  not_a_file: 'not a regular file (a folder, FIFO, socket or device); not read',
  unreadable: 'the file cannot be read',
} as const
export type SkipReason = keyof typeof SKIP_REASONS

/** Reasons that mean the user may have lost data, so the run exits non-zero at its end. */
export const FAILING_SKIPS: readonly SkipReason[] = ['unreadable']

export interface Skip {
  readonly reason: SkipReason
  /** For people: the reason's words and, when the system said more, what it said. */
  readonly message: string
}

export type WholeRead = { readonly kind: 'file'; readonly bytes: Uint8Array } | { readonly kind: 'skip'; readonly skip: Skip }
/** With `leaveZips`, a zip is left on disk for archive/walk.ts instead of being read whole. */
export type SourceRead = WholeRead | { readonly kind: 'zip' }

export function skipOf(reason: SkipReason, detail?: string): Skip {
  return { reason, message: detail ? `${SKIP_REASONS[reason]}: ${detail}` : SKIP_REASONS[reason] }
}

/** A source that is empty once read is skipped like any other; one rule for files and zip entries. */
export function emptySkip(bytes: Uint8Array): Skip | null {
  return bytes.length === 0 ? skipOf('empty') : null
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/**
 * Opens with O_NONBLOCK, so a FIFO opens at once instead of waiting for a writer for ever, then
 * asks the open handle (not the path, which can change in between) whether it is a regular file.
 */
export async function readSourceFile(path: string): Promise<WholeRead>
export async function readSourceFile(path: string, options: { leaveZips: true }): Promise<SourceRead>
export async function readSourceFile(path: string, options?: { leaveZips: true }): Promise<SourceRead> {
  let handle: FileHandle
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (err) {
    return { kind: 'skip', skip: await skipForError(path, err) }
  }
  try {
    if (!(await handle.stat()).isFile()) return { kind: 'skip', skip: skipOf('not_a_file') }
    if (options?.leaveZips) {
      const head = Buffer.alloc(4)
      const { bytesRead } = await handle.read(head, 0, 4, 0)
      if (bytesRead === 4 && ZIP_MAGIC.every((b, i) => head[i] === b)) return { kind: 'zip' }
    }
    return { kind: 'file', bytes: new Uint8Array(await handle.readFile()) }
  } catch (err) {
    return { kind: 'skip', skip: await skipForError(path, err) }
  } finally {
    await handle.close()
  }
}

/** The whole file, zip or not (what `sync` sends), or why not; an empty file is a skip too. */
export async function readWholeFile(path: string): Promise<WholeRead> {
  const read = await readSourceFile(path)
  const empty = read.kind === 'file' ? emptySkip(read.bytes) : null
  return empty ? { kind: 'skip', skip: empty } : read
}

/** A system error on one file → its skip; anything else is our own bug and propagates. */
export async function skipForError(path: string, err: unknown): Promise<Skip> {
  const code = (err as NodeJS.ErrnoException).code
  if (typeof code !== 'string') throw err
  if (code === 'ENOENT') {
    const link = await lstat(path).catch(() => null)
    return skipOf(link?.isSymbolicLink() ? 'broken_symlink' : 'missing')
  }
  if (code === 'EISDIR' || code === 'ENXIO' || code === 'ENODEV') return skipOf('not_a_file')
  if (code === 'ELOOP') return skipOf('unreadable', 'a loop of symbolic links')
  if (code === 'EACCES' || code === 'EPERM') return skipOf('unreadable', 'permission denied')
  return skipOf('unreadable', (err as Error).message)
}
