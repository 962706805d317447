/**
 * What `fitledger sync` has sent, so a restart sends nothing twice. One small JSON file per
 * watched folder, outside it (a watch's USB mount is no place for our files): under
 * FITLEDGER_STATE_DIR, default ~/.fitledger. Keyed by path with size and mtime, which skips an
 * unchanged file without reading it, and by content hash, which skips a copy or a rename. A file
 * that could not be sent (empty, unreadable, …) is kept with its reason, so that it is tried
 * again when it changes and not before: it never holds up the files behind it.
 */
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { SkipReason } from './source-file.js'

export interface SentFile {
  readonly size: number
  readonly mtime_ms: number
  /** Empty for a skipped file: nothing was sent. */
  readonly sha256: string
  /** Why the file was not sent (source-file.ts); it is tried again only once it changes. */
  readonly skipped?: SkipReason
}

export interface SyncState {
  /** Sent or skipped as it is now (same size and mtime): nothing to do. */
  unchanged(path: string, size: number, mtimeMs: number): boolean
  sentBytes(sha256: string): boolean
  record(path: string, file: SentFile): Promise<void>
}

export function stateFileFor(dir: string, env: Record<string, string | undefined>): string {
  const root = env.FITLEDGER_STATE_DIR || join(homedir(), '.fitledger')
  const key = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)
  return join(root, `sync-${key}.json`)
}

export async function loadSyncState(file: string): Promise<SyncState> {
  let sent: Record<string, SentFile> = {}
  try {
    sent = JSON.parse(await readFile(file, 'utf8')) as Record<string, SentFile>
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const hashes = new Set(Object.values(sent).flatMap((s) => (s.skipped ? [] : [s.sha256])))
  return {
    unchanged(path, size, mtimeMs) {
      const s = sent[path]
      return s !== undefined && s.size === size && s.mtime_ms === mtimeMs
    },
    sentBytes: (sha) => hashes.has(sha),
    async record(path, entry) {
      sent[path] = entry
      if (!entry.skipped) hashes.add(entry.sha256)
      // Written whole to a temp file and renamed: a crash leaves the old state or the new one.
      await mkdir(resolve(file, '..'), { recursive: true })
      const temp = `${file}.${randomUUID()}.tmp`
      await writeFile(temp, JSON.stringify(sent))
      await rename(temp, file)
    },
  }
}
