import { sql } from 'kysely'
import { connectDb } from '../../src/db/connect.js'
import { type AggregateCheck, checkAggregates } from './aggregates.js'
import type { FaultName } from './faults.js'

export interface ChaosReport {
  readonly faults: readonly FaultName[]
  readonly accepted: number
  readonly final: number
  readonly lost: number
  readonly duplicated: number
  readonly stillProcessing: number
  /** Finished uploads whose activity_ids point at no activity. */
  readonly dangling: number
  readonly aggregates: AggregateCheck
  readonly byStatus: Record<string, number>
  readonly clientRetries: number
  readonly recoveryS: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until every accepted upload is final (or time runs out), then counts what went wrong. */
export async function checkOutcome(
  databaseUrl: string,
  accepted: readonly string[],
  run: { faults: readonly FaultName[]; clientRetries: number; lastFaultAt: number; settleTimeoutS: number },
): Promise<ChaosReport> {
  const db = connectDb(databaseUrl, { max: 2 })
  try {
    const deadline = Date.now() + run.settleTimeoutS * 1000
    let final = 0
    for (;;) {
      const row = await db
        .selectFrom('uploads')
        .select(db.fn.countAll<number>().as('n'))
        .where('id', 'in', accepted.length ? [...accepted] : ['00000000-0000-0000-0000-000000000000'])
        .where('status', 'not in', ['queued', 'processing'])
        .executeTakeFirstOrThrow()
        .catch(() => ({ n: -1 })) // Postgres may still be coming back
      final = Number(row.n)
      if (final === accepted.length || Date.now() > deadline) break
      await sleep(250)
    }
    const recoveryS = (Date.now() - run.lastFaultAt) / 1000
    // Weekly aggregates settle after the uploads: give queued recomputes time to run.
    let aggregates = await checkAggregates(db)
    for (let i = 0; i < 40 && aggregates.wrong.length > 0; i++) {
      await sleep(500)
      aggregates = await checkAggregates(db)
    }
    const statuses = await db.selectFrom('uploads').select(['status', 'error_code', db.fn.countAll<number>().as('n')]).groupBy(['status', 'error_code']).execute()
    // Never two activities for one session of one upload, and never two for the same bytes.
    const dup = await sql<{ n: number }>`
      select count(*)::int as n from (
        select 1 from activities group by user_id, content_sha256, session_index having count(*) > 1
      ) d`.execute(db)
    const dangling = await sql<{ n: number }>`
      select count(*)::int as n from uploads u, unnest(u.activity_ids) as a(id)
      where not exists (select 1 from activities x where x.id = a.id)`.execute(db)
    const processing = statuses.filter((s) => s.status === 'processing' || s.status === 'queued').reduce((n, s) => n + Number(s.n), 0)
    return {
      faults: run.faults,
      accepted: accepted.length,
      final,
      lost: accepted.length - final,
      duplicated: dup.rows[0]?.n ?? 0,
      stillProcessing: processing,
      dangling: dangling.rows[0]?.n ?? 0,
      aggregates,
      byStatus: Object.fromEntries(statuses.map((s) => [`${s.status}${s.error_code ? `/${s.error_code}` : ''}`, Number(s.n)])),
      clientRetries: run.clientRetries,
      recoveryS,
    }
  } finally {
    await db.destroy()
  }
}
