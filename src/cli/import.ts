/**
 * `fitledger import PATH... --user E [--wait] [--dry-run]` (CONTRACT.md): files, folders and
 * zip exports, straight into storage, Postgres and the queue through acceptFiles, exactly as
 * the API takes them, so no token is needed: whoever can reach the services can import.
 * Resumable: a file whose bytes this user already uploaded is skipped, so an interrupted import
 * run again picks up where it stopped and a finished one adds nothing.
 */
import { archiveCapsFrom } from '../archive/caps.js'
import { storedContent } from '../db/archives.js'
import { profileFor } from '../db/profiles.js'
import { acceptFiles, type IncomingFile } from '../http/accept-upload.js'
import { createMetrics } from '../metrics.js'
import { contentHash } from '../storage/content-hash.js'
import { type CliContext, configAndLog, println } from './context.js'
import { createPlanner, type PlannedOutcome } from './import-plan.js'
import { readSources, type SourceFile } from './import-sources.js'
import { waitForUploads } from './import-wait.js'
import { startProgress } from './progress.js'
import { openServices } from './runtime.js'
import { requireUser } from './user.js'

export interface ImportOptions {
  readonly user: string
  readonly wait?: boolean
  readonly dryRun?: boolean
}

/** Files accepted per acceptFiles call: one insert and one enqueue per batch. */
const BATCH = 25

export async function importCommand(ctx: CliContext, paths: readonly string[], opts: ImportOptions): Promise<number> {
  const { config, log } = configAndLog(ctx)
  const services = await openServices(config, { poolSize: 2, log })
  try {
    const user = await requireUser(services.db, opts.user)
    const deps = { ...services, log, metrics: createMetrics() }
    const planner = opts.dryRun
      ? createPlanner({ db: services.db, userId: user.id, profile: await profileFor(services.db, user.id), limits: { maxUncompressedBytes: config.MAX_UNCOMPRESSED_BYTES } })
      : null
    const tally = new Map<string, number>()
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1)
    const failures: string[] = []
    const accepted: string[] = []
    const progress = startProgress(ctx.stderr, opts.dryRun ? 'checking' : 'importing')
    let batch: (SourceFile & { bytes: Uint8Array })[] = []
    let skippedEntries = 0

    const flush = async () => {
      const shas = batch.map((f) => contentHash(f.bytes))
      const known = await storedContent(services.db, user.id, shas)
      const fresh: IncomingFile[] = []
      for (const [i, file] of batch.entries()) {
        if (known.has(shas[i]!)) count('skipped: already stored')
        else if (planner) {
          const { outcome, detail } = await planner(file.bytes)
          count(planLabel(outcome, detail))
          known.add(shas[i]!) // the same bytes twice in one run are imported once
        } else {
          fresh.push({ filename: file.filename, bytes: file.bytes, hint: file.hint })
          known.add(shas[i]!)
        }
      }
      if (fresh.length > 0) {
        const uploads = await acceptFiles(deps, user.id, fresh, {})
        for (const u of uploads) count(u.status === 'duplicate' ? 'duplicate: same_bytes' : 'accepted')
        accepted.push(...uploads.filter((u) => u.status === 'queued').map((u) => u.id))
      }
      progress.tick(batch.length)
      batch = []
    }

    await readSources(paths, archiveCapsFrom(config), {
      planned: (files, skipped) => {
        progress.grow(files)
        skippedEntries += skipped
      },
      file: async (file) => {
        if (file.bytes === null) {
          count(`failed: ${file.error?.code ?? 'internal'}`)
          failures.push(`${file.label}: ${file.error?.message ?? 'unreadable'}`)
          progress.tick()
          return
        }
        batch.push({ ...file, bytes: file.bytes })
        if (batch.length >= BATCH) await flush()
      },
    })
    await flush()
    progress.stop()
    if (skippedEntries > 0) tally.set('skipped: not an activity', skippedEntries)

    println(ctx.stdout, `${opts.dryRun ? 'dry run, nothing stored' : 'import'}: ${summaryLine(tally)}`)
    for (const line of failures.slice(0, 20)) println(ctx.stdout, `  ${line}`)
    if (failures.length > 20) println(ctx.stdout, `  … and ${failures.length - 20} more`)
    if (!opts.wait || opts.dryRun || accepted.length === 0) return failures.length > 0 ? 1 : 0

    const final = await waitForUploads(services.db, accepted, startProgress(ctx.stderr, 'processing'), ctx.stopSignal)
    println(ctx.stdout, `processed: ${summaryLine(final.byStatus)}`)
    for (const line of final.failures.slice(0, 20)) println(ctx.stdout, `  ${line}`)
    return failures.length > 0 || final.failures.length > 0 ? 1 : 0
  } finally {
    await services.close()
  }
}

function planLabel(outcome: PlannedOutcome, detail: string | null): string {
  if (outcome === 'add') return 'would add'
  if (outcome === 'fail') return `would fail: ${detail}`
  return `would ${outcome === 'merge' ? 'merge into an existing activity' : 'be a duplicate'}: ${detail}`
}

function summaryLine(tally: ReadonlyMap<string, number>): string {
  if (tally.size === 0) return 'nothing to do'
  return [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ')
}
