/**
 * `fitledger sync DIR --user E` (CONTRACT.md): watches a folder (a watch's GARMIN/Activity
 * mount, an app's export folder) and uploads each new or changed workout file once it has been
 * fully written, through acceptFiles like `import`. It rides out services that are down: a
 * file that cannot be sent is tried again with backoff, and the state file (sync-state.ts)
 * is written only after a send, so nothing is lost and nothing is sent twice. Stops on
 * SIGTERM or SIGINT.
 */
import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { watch } from 'chokidar'
import { classifyEntry } from '../archive/entry-name.js'
import { storedContent } from '../db/archives.js'
import { acceptFiles } from '../http/accept-upload.js'
import { createMetrics } from '../metrics.js'
import { contentHash } from '../storage/content-hash.js'
import { type CliContext, configAndLog, println } from './context.js'
import { openServices } from './runtime.js'
import { loadSyncState, stateFileFor } from './sync-state.js'
import { requireUser } from './user.js'

const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 60_000
/** A file is complete once its size has not changed for this long (chokidar awaitWriteFinish). */
const STABLE_MS = 500

export async function syncCommand(ctx: CliContext, dir: string, opts: { user: string }): Promise<number> {
  const { config, log } = configAndLog(ctx)
  const services = await openServices(config, { poolSize: 2, log })
  const root = resolve(dir)
  const stopped = ctx.stopSignal.then(() => true)
  try {
    const user = await requireUser(services.db, opts.user)
    const state = await loadSyncState(stateFileFor(root, ctx.env))
    const deps = { ...services, log, metrics: createMetrics() }

    /** Sends one file; true when it is done with (sent, or nothing to send). */
    const send = async (path: string): Promise<boolean> => {
      const info = await stat(path).catch(() => null)
      if (!info?.isFile() || state.unchanged(path, info.size, info.mtimeMs)) return true
      const bytes = new Uint8Array(await readFile(path))
      const sha = contentHash(bytes)
      const entry = { size: info.size, mtime_ms: info.mtimeMs, sha256: sha }
      if (state.sentBytes(sha) || (await storedContent(services.db, user.id, [sha])).has(sha)) {
        await state.record(path, entry)
        return true
      }
      const [upload] = await acceptFiles(deps, user.id, [{ filename: basename(path), bytes }], {})
      await state.record(path, entry)
      println(ctx.stdout, `sent ${path} → upload ${upload?.id} (${upload?.status})`)
      return true
    }

    // One file at a time, in arrival order; a failed send waits and goes again, with backoff.
    const pending: string[] = []
    let wake: () => void = () => {}
    const watcher = watch(root, {
      ignoreInitial: false,
      awaitWriteFinish: { stabilityThreshold: STABLE_MS, pollInterval: 100 },
      ignored: (path, stats) => stats?.isFile() === true && !['activity', 'archive'].includes(classifyEntry(basename(path))),
    })
    const enqueue = (path: string) => {
      if (!pending.includes(path)) pending.push(path)
      wake()
    }
    watcher.on('add', enqueue).on('change', enqueue)
    watcher.on('error', (err) => log.warn({ err }, 'watching failed'))
    await new Promise<void>((r) => watcher.once('ready', () => r()))
    println(ctx.stdout, `watching ${root} for ${opts.user}`)

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
    await watcher.close()
    return 0
  } finally {
    await services.close()
  }
}
