/**
 * `fitledger sync DIR --user E` (CONTRACT.md): watches a folder (a watch's GARMIN/Activity
 * mount, an app's export folder) and uploads each new or changed workout file once it has been
 * fully written, through acceptFiles like `import`. It rides out services that are down: a
 * send that fails is tried again with backoff, and the state file (sync-state.ts) is written
 * only after a send, so nothing is lost and nothing is sent twice. A file that cannot be sent
 * at all (empty, unreadable, a FIFO) is recorded as skipped with its reason and tried again
 * only when it changes. A folder that is not there is an error at start; one that goes away
 * later (a watch unplugged) is said once and waited for (watched-folder.ts). Stops on SIGTERM
 * or SIGINT.
 */
import { lstat, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { classifyEntry } from '../archive/entry-name.js'
import { storedContent } from '../db/archives.js'
import { acceptFiles } from '../http/accept-upload.js'
import { createMetrics } from '../metrics.js'
import { contentHash } from '../storage/content-hash.js'
import { type CliContext, configAndLog, println } from './context.js'
import { openServices } from './runtime.js'
import { readWholeFile } from './source-file.js'
import { loadSyncState, stateFileFor } from './sync-state.js'
import { requireUser } from './user.js'
import { watchFolder } from './watched-folder.js'

const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 60_000
/** A file is complete once its size has not changed for this long (chokidar awaitWriteFinish). */
const STABLE_MS = 500

export async function syncCommand(ctx: CliContext, dir: string, opts: { user: string }): Promise<number> {
  const { config, log } = configAndLog(ctx)
  const root = resolve(dir)
  const stopped = ctx.stopSignal.then(() => true)
  // The one thing sync is for: a folder it cannot watch stops it before anything else starts.
  const pending: string[] = []
  let wake: () => void = () => {}
  const enqueue = (path: string) => {
    if (!pending.includes(path)) pending.push(path)
    wake()
  }
  const folder = await watchFolder(
    root,
    {
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: STABLE_MS, pollInterval: 100 },
      // Whatever is not a folder (a file, a FIFO, a link) counts only with a workout's name.
      ignored: (path, stats) =>
        stats !== undefined && !stats.isDirectory() && !['activity', 'archive'].includes(classifyEntry(basename(path))),
    },
    {
      file: enqueue,
      gone: (how) => println(ctx.stderr, `fitledger: ${root} ${how}; waiting for it to come back`),
      back: () => println(ctx.stdout, `watching ${root} again`),
      error: (err) => log.warn({ err }, 'watching failed'),
    },
  )
  const services = await openServices(config, { poolSize: 2, log }).catch(async (err: unknown) => {
    await folder.close()
    throw err
  })
  try {
    const user = await requireUser(services.db, opts.user)
    const state = await loadSyncState(stateFileFor(root, ctx.env))
    const deps = { ...services, log, metrics: createMetrics() }

    /**
     * Sends one file, or records why it cannot be sent (issue 10, item 3): such a file is said
     * once and passed over until it changes, never retried ahead of the files behind it. Only
     * what is not the file's fault (Postgres, Redis, storage down) throws, to be retried.
     */
    const send = async (path: string): Promise<void> => {
      // A link's target when there is one, else the link itself: a dangling link is recorded too.
      const info = await stat(path)
        .catch(() => lstat(path))
        .catch(() => null)
      if (!info || info.isDirectory() || state.unchanged(path, info.size, info.mtimeMs)) return // gone, or nothing new
      const read = await readWholeFile(path)
      // Gone with its folder (unplugged while read): nothing to record, it is listed again on return.
      if (read.kind === 'skip' && (read.skip.reason === 'missing' || !(await folder.present()))) return
      if (read.kind === 'skip') {
        await state.record(path, { size: info.size, mtime_ms: info.mtimeMs, sha256: '', skipped: read.skip.reason })
        println(ctx.stdout, `skipped ${path}: ${read.skip.message}`)
        return
      }
      const bytes = read.bytes
      const sha = contentHash(bytes)
      const entry = { size: info.size, mtime_ms: info.mtimeMs, sha256: sha }
      if (state.sentBytes(sha) || (await storedContent(services.db, user.id, [sha])).has(sha)) {
        await state.record(path, entry)
        return
      }
      const [upload] = await acceptFiles(deps, user.id, [{ filename: basename(path), bytes }], {})
      await state.record(path, entry)
      println(ctx.stdout, `sent ${path} → upload ${upload?.id} (${upload?.status})`)
    }

    println(ctx.stdout, `watching ${root} for ${opts.user}`)

    // One file at a time, in arrival order; a failed send waits and goes again, with backoff.
    let delay = FIRST_RETRY_MS
    for (;;) {
      const next = pending[0]
      if (next === undefined) {
        if (await Promise.race([stopped, new Promise<false>((r) => (wake = () => r(false)))])) break
        continue
      }
      try {
        await send(next)
        pending.shift()
        delay = FIRST_RETRY_MS
      } catch (err) {
        log.warn({ err, path: next, retry_in_ms: delay }, 'could not send the file; will retry')
        if (await Promise.race([stopped, new Promise<false>((r) => setTimeout(() => r(false), delay))])) break
        delay = Math.min(delay * 2, MAX_RETRY_MS)
      }
    }
    return 0
  } finally {
    await folder.close()
    await services.close()
  }
}
