import type { Kysely } from 'kysely'
import { aggregateWeek } from '../../src/aggregate/week.js'
import { storedWeek } from '../../src/db/aggregates.js'
import { effectiveProfile, storedProfile } from '../../src/db/profiles.js'
import type { Database } from '../../src/db/tables.js'
import { loadWeekInput } from '../../src/db/week-sources.js'
import { weeksWithData } from '../../src/queue/week-changes.js'

export interface AggregateCheck {
  readonly weeks: number
  readonly equal: number
  /** Weeks whose stored aggregate is missing or differs from a full recompute. */
  readonly wrong: readonly string[]
}

/** Every stored week of every user against aggregateWeek over the source rows, computed afresh. */
export async function checkAggregates(db: Kysely<Database>): Promise<AggregateCheck> {
  const users = await db.selectFrom('users').select('id').execute()
  let weeks = 0
  let equal = 0
  const wrong: string[] = []
  for (const { id } of users) {
    const profile = effectiveProfile(await storedProfile(db, id))
    for (const week of await weeksWithData(db, id)) {
      weeks += 1
      const recomputed = aggregateWeek(await loadWeekInput(db, id, week, profile))
      const stored = await storedWeek(db, id, week)
      if (stored && JSON.stringify(stored.body) === JSON.stringify(recomputed)) equal += 1
      else wrong.push(`${week}${stored ? '' : ' (missing)'}`)
    }
  }
  return { weeks, equal, wrong }
}
