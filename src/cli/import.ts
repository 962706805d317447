/**
 * `fitledger import PATH... --user E [--wait] [--dry-run]` (CONTRACT.md): files, folders and
 * zip exports, straight into storage, Postgres and the queue through acceptFiles, exactly as
 * the API takes them, so no token is needed: whoever can reach the services can import.
 * Resumable: a file whose bytes this user already uploaded is skipped, so an interrupted import
 * run again picks up where it stopped and a finished one adds nothing. A file that cannot be
 * sent (empty, unreadable, gone, a FIFO, a link to nothing) is skipped with its reason; the run
 * goes on, and only an unreadable file or a failed one makes the exit code non-zero.
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
import { emptySkip, FAILING_SKIPS, type SkipReason } from './source-file.js'
import { waitForUploads } from './import-wait.js'
import { startProgress } from './progress.js'
import { openServices } from './runtime.js'
import { requireUser } from './user.js'

export interface ImportOptions {
  readonly user: string
  readonly wait?: boolean
  readonly dryRun?: boolean
  /** Print one JSON object (ImportReport) instead of the summary lines. */
  readonly json?: boolean
}

/** What `import --json` prints: the counts, and each file not sent or failed, with its reason. */
export interface ImportReport {
  readonly dry_run: boolean
  readonly counts: Record<string, number>
  readonly skipped: { readonly file: string; readonly reason: SkipReason; readonly message: string }[]
  readonly failed: { readonly file: string; readonly code: string; readonly message: string }[]
  /** With --wait: the uploads' final counts and failures. */
  readonly processed: { readonly counts: Record<string, number>; readonly failed: readonly string[] } | null
}

/** How many files a text summary names before it says "… and N more". */
const LISTED = 20

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
    const skips: ImportReport['skipped'] = []
    const failures: ImportReport['failed'] = []
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
        const skip = file.skip ?? (file.bytes ? emptySkip(file.bytes) : null)
        if (skip) {
          count(`skipped: ${skip.reason.replace(/_/g, ' ')}`)
          skips.push({ file: file.label, reason: skip.reason, message: skip.message })
          progress.tick()
          return
        }
        if (file.bytes === null) {
          const code = file.error?.code ?? 'internal'
          count(`failed: ${code}`)
          failures.push({ file: file.label, code, message: file.error?.message ?? 'unreadable' })
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

    const exitCode = (processedFailures: number) =>
      failures.length > 0 || processedFailures > 0 || skips.some((k) => FAILING_SKIPS.includes(k.reason)) ? 1 : 0
    const report: ImportReport = { dry_run: opts.dryRun === true, counts: Object.fromEntries(tally), skipped: skips, failed: failures, processed: null }
    if (!opts.json) {
      println(ctx.stdout, `${opts.dryRun ? 'dry run, nothing stored' : 'import'}: ${summaryLine(tally)}`)
      const lines = [...failures.map((f) => `${f.file}: ${f.message}`), ...skips.map((k) => `${k.file}: skipped, ${k.message}`)]
      printListed(ctx.stdout, lines)
    }
    if (!opts.wait || opts.dryRun || accepted.length === 0) {
      if (opts.json) println(ctx.stdout, JSON.stringify(report))
      return exitCode(0)
    }

    const final = await waitForUploads(services.db, accepted, startProgress(ctx.stderr, 'processing'), ctx.stopSignal)
    if (opts.json) println(ctx.stdout, JSON.stringify({ ...report, processed: { counts: Object.fromEntries(final.byStatus), failed: final.failures } }))
    else {
      println(ctx.stdout, `processed: ${summaryLine(final.byStatus)}`)
      printListed(ctx.stdout, final.failures)
    }
    return exitCode(final.failures.length)
  } finally {
    await services.close()
  }
}

function printListed(out: NodeJS.WritableStream, lines: readonly string[]): void {
  for (const line of lines.slice(0, LISTED)) println(out, `  ${line}`)
  if (lines.length > LISTED) println(out, `  … and ${lines.length - LISTED} more`)
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
