/**
 * `fitledger import --dry-run`: what an import would add, skip and merge, storing nothing.
 * Each new file is parsed and analysed here, as a worker would, and matched by the same rules
 * (dedupe/match.ts) against the user's activities and against what this run would add before it.
 */
import type { Kysely } from 'kysely'
import { summariseActivity } from '../analyse/summarise.js'
import { matchCandidates } from '../db/dedupe.js'
import type { Database } from '../db/tables.js'
import { matchSession, type StoredSession } from '../dedupe/match.js'
import { channelsToTake } from '../dedupe/merge-columns.js'
import { isFitledgerError } from '../errors.js'
import type { ParseLimits, Profile } from '../model.js'
import { parse } from '../parse/index.js'

export type PlannedOutcome = 'add' | 'merge' | 'duplicate' | 'fail'

export interface PlanDeps {
  readonly db: Kysely<Database>
  readonly userId: string
  readonly profile: Profile
  readonly limits: ParseLimits
}

export function createPlanner(deps: PlanDeps) {
  const added: (StoredSession & { has: Record<'heart_rate_bpm' | 'power_w' | 'cadence_rpm', boolean> })[] = []
  return async function plan(bytes: Uint8Array): Promise<{ outcome: PlannedOutcome; detail: string | null }> {
    let sessions
    try {
      sessions = await parse(bytes, deps.limits)
    } catch (err) {
      if (!isFitledgerError(err)) throw err
      return { outcome: 'fail', detail: err.code }
    }
    let outcome: PlannedOutcome = 'duplicate'
    let detail: string | null = null
    for (const parsed of sessions) {
      const summary = summariseActivity(parsed, deps.profile)
      const key = {
        start_ms: parsed.start_ms,
        elapsed_s: summary.elapsed_s,
        file_serial: parsed.file_id?.serial_number ?? null,
        file_created_ms: parsed.file_id?.time_created_ms ?? null,
        session_index: parsed.session_index,
      }
      const stored = await matchCandidates(deps.db, deps.userId, key, '00000000-0000-0000-0000-000000000000')
      const match = matchSession(key, [...stored, ...added])
      if (!match) {
        outcome = 'add'
        const has = { heart_rate_bpm: parsed.columns.heart_rate_bpm !== null, power_w: parsed.columns.power_w !== null, cadence_rpm: parsed.columns.cadence_rpm !== null }
        added.push({ ...key, id: `planned-${added.length}`, has })
        continue
      }
      detail ??= match.rule
      if (outcome !== 'add' && channelsToTake(match.activity.has, parsed).length > 0) outcome = 'merge'
    }
    return { outcome, detail }
  }
}
