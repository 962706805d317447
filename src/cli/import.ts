/**
 * `fitledger import PATH... --user E [--wait] [--dry-run] [--verbose] [--json]` (CONTRACT.md): files, folders and
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
import {
  accepted as acceptedAs,
  alreadyStored,
  type Decided,
  type FileOutcome,
  kindOfName,
  notAnActivity,
  planned,
  sourceFailed,
  sourceSkipped,
} from './import-outcome.js'
import { createPlanner } from './import-plan.js'
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
  /** Print a line per file: what was done with it, or would be, and why. */
  readonly verbose?: boolean
}

/** What `import --json` prints: the counts, each file not sent or failed with its reason, and every file's outcome. */
export interface ImportReport {
  readonly dry_run: boolean
  readonly counts: Record<string, number>
  readonly skipped: { readonly file: string; readonly reason: SkipReason; readonly message: string }[]
  readonly failed: { readonly file: string; readonly code: string; readonly message: string }[]
  /** One entry per file, in the order they were read (issue 12, item 4). */
  readonly files: FileOutcome[]
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
      ? createPlanner({
          db: services.db,
          userId: user.id,
          profile: await profileFor(services.db, user.id),
          limits: { maxUncompressedBytes: config.MAX_UNCOMPRESSED_BYTES },
        })
      : null
    const tally = new Map<string, number>()
    const files: FileOutcome[] = []
    const decide = ({ entry, count }: Decided) => {
      tally.set(count, (tally.get(count) ?? 0) + 1)
      files.push(entry)
    }
    const skips: ImportReport['skipped'] = []
    const failures: ImportReport['failed'] = []
    const accepted: string[] = []
    const progress = startProgress(ctx.stderr, opts.dryRun ? 'checking' : 'importing')
    let batch: (SourceFile & { bytes: Uint8Array })[] = []
    /** The first file of this run with each content hash: the same bytes again are imported once. */
    const firstWith = new Map<string, string>()

    const flush = async () => {
      const shas = batch.map((f) => contentHash(f.bytes))
      const known = await storedContent(services.db, user.id, shas)
      const fresh: (IncomingFile & { label: string })[] = []
      for (const [i, file] of batch.entries()) {
        const sha = shas[i]!
        if (known.has(sha) || firstWith.has(sha)) {
          decide(alreadyStored(file.label, firstWith.get(sha) ?? null))
          progress.tick()
          continue
        }
        firstWith.set(sha, file.label)
        if (!planner) fresh.push({ filename: file.filename, bytes: file.bytes, hint: file.hint, label: file.label })
        else {
          decide(planned(file.label, await planner(file.bytes, file.label, file.hint?.sport ?? null)))
          progress.tick() // a plan parses the file: tick as each is done
        }
      }
      if (fresh.length > 0) {
        const uploads = await acceptFiles(deps, user.id, fresh, {})
        for (const [i, u] of uploads.entries()) decide(acceptedAs(fresh[i]!.label, u))
        accepted.push(...uploads.filter((u) => u.status === 'queued').map((u) => u.id))
        progress.tick(fresh.length)
      }
      batch = []
    }

    await readSources(paths, archiveCapsFrom(config), {
      planned: (count, notActivities) => {
        progress.grow(count)
        for (const label of notActivities) decide(notAnActivity(label))
      },
      counted: () => progress.counted(),
      file: async (file) => {
        const skip = file.skip ?? (file.bytes ? emptySkip(file.bytes) : null)
        if (skip) {
          decide(sourceSkipped(file.label, skip))
          skips.push({ file: file.label, reason: skip.reason, message: skip.message })
          progress.tick()
          return
        }
        if (file.bytes === null) {
          const code = file.error?.code ?? 'internal'
          const message = file.error?.message ?? 'unreadable'
          decide(sourceFailed(file.label, code, message))
          failures.push({ file: file.label, code, message })
          progress.tick()
          return
        }
        batch.push({ ...file, bytes: file.bytes })
        if (batch.length >= BATCH) await flush()
      },
    })
    await flush()
    progress.stop()

    const exitCode = (processedFailures: number) =>
      failures.length > 0 || processedFailures > 0 || skips.some((k) => FAILING_SKIPS.includes(k.reason)) ? 1 : 0
    const report: ImportReport = {
      dry_run: opts.dryRun === true,
      counts: Object.fromEntries(tally),
      skipped: skips,
      failed: failures,
      files,
      processed: null,
    }
    if (!opts.json) {
      if (opts.verbose) for (const f of files) println(ctx.stdout, `${f.file}: ${f.message}`)
      println(ctx.stdout, `${opts.dryRun ? 'dry run, nothing stored' : 'import'}: ${summaryLine(tally)}`)
      // --verbose has named every file already; otherwise each not taken is named, up to LISTED.
      const passedOver = files
        .filter((f) => f.reason === 'not_an_activity')
        .map((f) => `${f.file}: skipped, not an activity (${kindOfName(f.file)})`)
      const unread = new Set(failures.map((f) => f.file))
      const wouldFail = files.filter((f) => f.outcome === 'fail' && !unread.has(f.file)).map((f) => `${f.file}: ${f.message}`)
      const lines = [
        ...failures.map((f) => `${f.file}: ${f.message}`),
        ...wouldFail,
        ...skips.map((k) => `${k.file}: skipped, ${k.message}`),
        ...passedOver,
      ]
      if (!opts.verbose) printListed(ctx.stdout, lines, ' (--verbose lists every file)')
    }
    if (!opts.wait || opts.dryRun || accepted.length === 0) {
      if (opts.json) println(ctx.stdout, JSON.stringify(report))
      return exitCode(0)
    }

    const final = await waitForUploads(services.db, accepted, startProgress(ctx.stderr, 'processing'), ctx.stopSignal)
    if (opts.json)
      println(ctx.stdout, JSON.stringify({ ...report, processed: { counts: Object.fromEntries(final.byStatus), failed: final.failures } }))
    else {
      println(ctx.stdout, `processed: ${summaryLine(final.byStatus)}`)
      printListed(ctx.stdout, final.failures)
    }
    return exitCode(final.failures.length)
  } finally {
    await services.close()
  }
}

function printListed(out: NodeJS.WritableStream, lines: readonly string[], more = ''): void {
  for (const line of lines.slice(0, LISTED)) println(out, `  ${line}`)
  if (lines.length > LISTED) println(out, `  … and ${lines.length - LISTED} more${more}`)
}

function summaryLine(tally: ReadonlyMap<string, number>): string {
  if (tally.size === 0) return 'nothing to do'
  return [...tally.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')
}
