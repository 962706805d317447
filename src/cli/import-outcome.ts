/**
 * What `fitledger import` did, or with --dry-run would do, with each file (issue 12, item 4):
 * one entry per file for `--json`, one line per file for `--verbose`, and the key the totals
 * count it under (the summary line's words, unchanged since issue 6).
 */
import type { Skip } from './source-file.js'
import type { Plan, PlannedActivity } from './import-plan.js'

export interface FileOutcome {
  /** The path, or `archive.zip!/entry`. */
  readonly file: string
  readonly outcome: 'add' | 'merge' | 'duplicate' | 'queued' | 'skip' | 'fail'
  /**
   * Why, for machines: `already_stored`, `not_an_activity`, a skip reason (source-file.ts), an
   * error code, or a duplicate rule; null for an add or a queued file.
   */
  readonly reason: string | null
  /** For people: what --verbose prints after the file's name. */
  readonly message: string
  /** A dry run's add: the activities the file would add. */
  readonly activities?: readonly PlannedActivity[]
  /** A dry run's merge or duplicate of a stored activity. */
  readonly activity_id?: string
  /** A real import: the upload the file became. */
  readonly upload_id?: string
}

export interface Decided {
  readonly entry: FileOutcome
  /** The totals' key, e.g. `skipped: empty`, `would add`. */
  readonly count: string
}

/** The same bytes as a file stored before, or as `earlier`, a file of this run. */
export function alreadyStored(file: string, earlier: string | null): Decided {
  const message = earlier === null ? 'skip: already stored' : `skip: the same bytes as ${earlier}`
  return { entry: { file, outcome: 'skip', reason: 'already_stored', message }, count: 'skipped: already stored' }
}

/** What an entry that is not an activity looks like, from its name: `photo`, `CSV`, `.xyz file`. */
export function kindOfName(name: string): string {
  const base = name.split(/[/\\!]/).pop() ?? name
  if (base.startsWith('.') || name.includes('__MACOSX')) return 'hidden file'
  const kinds: readonly [RegExp, string][] = [
    [/\.(jpe?g|png|gif|heic|webp|bmp|tiff?)$/i, 'photo'],
    [/\.(mp4|mov|m4v|avi|webm)$/i, 'video'],
    [/\.csv$/i, 'CSV'],
    [/\.json$/i, 'JSON'],
    [/\.(txt|md)$/i, 'text'],
    [/\.html?$/i, 'web page'],
    [/\.pdf$/i, 'PDF'],
  ]
  const known = kinds.find(([pattern]) => pattern.test(base))
  if (known) return known[1]
  const ext = /\.([^.]+)$/.exec(base)?.[1]
  return ext ? `.${ext} file` : 'no file extension'
}

export function notAnActivity(file: string): Decided {
  return {
    entry: { file, outcome: 'skip', reason: 'not_an_activity', message: `skip: not an activity (${kindOfName(file)})` },
    count: 'skipped: not an activity',
  }
}

/** A file that could not be read at all (source-file.ts). */
export function sourceSkipped(file: string, skip: Skip): Decided {
  return {
    entry: { file, outcome: 'skip', reason: skip.reason, message: `skip: ${skip.message}` },
    count: `skipped: ${skip.reason.replace(/_/g, ' ')}`,
  }
}

/** A file or archive entry that fails on its own (encrypted, outside the archive, over a cap). */
export function sourceFailed(file: string, code: string, message: string): Decided {
  return { entry: { file, outcome: 'fail', reason: code, message: `fail: ${code}: ${message}` }, count: `failed: ${code}` }
}

/** A real import: the upload acceptFiles made of the file. */
export function accepted(file: string, upload: { id: string; status: string }): Decided {
  if (upload.status === 'duplicate') {
    return {
      entry: {
        file,
        outcome: 'duplicate',
        reason: 'same_bytes',
        message: `duplicate of a file already stored (same_bytes), upload ${upload.id}`,
        upload_id: upload.id,
      },
      count: 'duplicate: same_bytes',
    }
  }
  return {
    entry: { file, outcome: 'queued', reason: null, message: `queued as upload ${upload.id}`, upload_id: upload.id },
    count: 'accepted',
  }
}

/** A dry run's plan for a file (import-plan.ts). */
export function planned(file: string, plan: Plan): Decided {
  if (plan.error) {
    const { code, message } = plan.error
    return { entry: { file, outcome: 'fail', reason: code, message: `would fail: ${code}: ${message}` }, count: `would fail: ${code}` }
  }
  if (plan.outcome === 'add' || !plan.match) {
    const each = plan.activities.map((a) => `${a.sport}, ${a.date}`)
    const message = each.length === 1 ? `would add (${each[0]})` : `would add ${each.length} activities (${each.join('; ')})`
    return { entry: { file, outcome: 'add', reason: null, message, activities: plan.activities }, count: 'would add' }
  }
  const { rule, activity_id, added_by } = plan.match
  const target = activity_id !== null ? `activity ${activity_id}` : `what ${added_by} adds`
  const merge = plan.outcome === 'merge'
  return {
    entry: {
      file,
      outcome: merge ? 'merge' : 'duplicate',
      reason: rule,
      message: `${merge ? 'would merge into' : 'would be a duplicate of'} ${target} (${rule})`,
      ...(activity_id !== null ? { activity_id } : {}),
    },
    count: merge ? `would merge into an existing activity: ${rule}` : `would be a duplicate: ${rule}`,
  }
}
