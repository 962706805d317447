/**
 * `fitledger import --dry-run`: what an import would add, skip and merge, storing nothing.
 * Each new file is parsed and analysed here, as a worker would, and matched by the same rules
 * (dedupe/match.ts) against the user's activities and against what this run would add before it.
 */
import type { Kysely } from 'kysely'
import { summariseActivity } from '../analyse/summarise.js'
import { withUserSport } from '../analyse/user-sport.js'
import { matchCandidates } from '../db/dedupe.js'
import type { Database } from '../db/tables.js'
import { matchSession, type StoredSession } from '../dedupe/match.js'
import { channelsToTake } from '../dedupe/merge-columns.js'
import { type ErrorCode, isFitledgerError } from '../errors.js'
import type { DuplicateRule, ParseLimits, Profile, Sport } from '../model.js'
import { parse } from '../parse/index.js'

export type PlannedOutcome = 'add' | 'merge' | 'duplicate' | 'fail'

/** An activity a file would add: what `--verbose` names it by. */
export interface PlannedActivity {
  readonly sport: Sport
  /** The local date it started on (the file's offset, else the profile's zone). */
  readonly date: string
}

export interface Plan {
  readonly outcome: PlannedOutcome
  /** add: each activity the file would add. */
  readonly activities: readonly PlannedActivity[]
  /** merge and duplicate: the rule that matched, and the stored activity or the file of this run that adds it. */
  readonly match: { readonly rule: DuplicateRule; readonly activity_id: string | null; readonly added_by: string | null } | null
  /** fail: why the worker would fail the file. */
  readonly error: { readonly code: ErrorCode; readonly message: string } | null
}

export interface PlanDeps {
  readonly db: Kysely<Database>
  readonly userId: string
  readonly profile: Profile
  readonly limits: ParseLimits
}

type Added = StoredSession & { has: Record<'heart_rate_bpm' | 'power_w' | 'cadence_rpm', boolean>; file: string | null }

export function createPlanner(deps: PlanDeps) {
  const added: Added[] = []
  /**
   * What importing `bytes` (labelled `file`) would do, after the files planned before it; `sport`
   * is the one the user gave (a Strava export's type), which wins as it does in the worker.
   */
  return async function plan(bytes: Uint8Array, file: string, sport: Sport | null): Promise<Plan> {
    let sessions
    try {
      sessions = await parse(bytes, deps.limits)
    } catch (err) {
      if (!isFitledgerError(err)) throw err
      return { outcome: 'fail', activities: [], match: null, error: { code: err.code, message: err.message } }
    }
    let outcome: PlannedOutcome = 'duplicate'
    let match: Plan['match'] = null
    const activities: PlannedActivity[] = []
    for (const parsed of sessions) {
      const summary = withUserSport(summariseActivity(parsed, deps.profile), sport)
      const key = {
        start_ms: parsed.start_ms,
        elapsed_s: summary.elapsed_s,
        file_serial: parsed.file_id?.serial_number ?? null,
        file_created_ms: parsed.file_id?.time_created_ms ?? null,
        session_index: parsed.session_index,
      }
      const stored = await matchCandidates(deps.db, deps.userId, key, '00000000-0000-0000-0000-000000000000')
      const found = matchSession<Added>(key, [...stored.map((s) => ({ ...s, file: null })), ...added])
      if (!found) {
        outcome = 'add'
        activities.push({ sport: summary.sport, date: (summary.local_start_time ?? summary.start_time).slice(0, 10) })
        const has = {
          heart_rate_bpm: parsed.columns.heart_rate_bpm !== null,
          power_w: parsed.columns.power_w !== null,
          cadence_rpm: parsed.columns.cadence_rpm !== null,
        }
        added.push({ ...key, id: `planned-${added.length}`, has, file })
        continue
      }
      match ??= { rule: found.rule, activity_id: found.activity.file === null ? found.activity.id : null, added_by: found.activity.file }
      if (outcome !== 'add' && channelsToTake(found.activity.has, parsed).length > 0) outcome = 'merge'
    }
    return { outcome, activities, match: outcome === 'add' ? null : match, error: null }
  }
}
