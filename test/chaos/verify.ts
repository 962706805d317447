import { sql } from 'kysely'
import { connectDb } from '../../src/db/connect.js'
import { type AggregateCheck, checkAggregates } from './aggregates.js'
import { type DuplicatePair, duplicatePairs, storedActivityKeys } from './duplicates.js'
import type { FaultName, OpenTransactions } from './faults.js'
import type { UnexpectedExit } from './fleet.js'

/** Issue 10: with the default configuration, everything is final this soon after the last fault. */
export const RECOVERY_TARGET_S = 15

export interface ChaosReport {
  readonly faults: readonly FaultName[]
  readonly accepted: number
  readonly final: number
  readonly lost: number
  /** Two activities for one session of one file (the same bytes). */
  readonly duplicated: number
  /** Pairs of activities that the duplicate rules (dedupe/match.ts) would have matched. */
  readonly duplicatePairs: readonly DuplicatePair[]
  readonly stillProcessing: number
  /** Finished uploads whose activity_ids point at no activity. */
  readonly dangling: number
  readonly aggregates: AggregateCheck
  readonly byStatus: Record<string, number>
  readonly clientRetries: number
  /** Answers of 5xx and 429 that clients saw, by status. */
  readonly clientStatuses: Record<string, number>
  readonly http500: number
  readonly http503WithoutRetryAfter: number
  readonly badAnswers: readonly string[]
  /** API or worker processes that exited although the run never signalled them. */
  readonly unexpectedExits: readonly UnexpectedExit[]
  /** One entry per Postgres restart. */
  readonly openTransactions: readonly OpenTransactions[]
  readonly recoveryS: number
  /** Uploads not yet final, every 2 s from the end of the uploads: [s after the last fault, count]. */
  readonly settling: readonly (readonly [number, number])[]
}

export interface RunFacts {
  readonly faults: readonly FaultName[]
  readonly lastFaultAt: number
  readonly settleTimeoutS: number
  readonly clientRetries: number
  readonly clientStatuses: Record<string, number>
  readonly http500: number
  readonly http503WithoutRetryAfter: number
  readonly badAnswers: readonly string[]
  readonly unexpectedExits: () => readonly UnexpectedExit[]
  readonly openTransactions: readonly OpenTransactions[]
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until every accepted upload is final (or time runs out), then counts what went wrong. */
export async function checkOutcome(databaseUrl: string, accepted: readonly string[], run: RunFacts): Promise<ChaosReport> {
  const db = connectDb(databaseUrl, { max: 2 })
  try {
    const deadline = Date.now() + run.settleTimeoutS * 1000
    let final = 0
    const settling: [number, number][] = []
    for (;;) {
      const row = await db
        .selectFrom('uploads')
        .select(db.fn.countAll<number>().as('n'))
        .where('id', 'in', accepted.length ? [...accepted] : ['00000000-0000-0000-0000-000000000000'])
        .where('status', 'not in', ['queued', 'processing'])
        .executeTakeFirstOrThrow()
        .catch(() => ({ n: -1 })) // Postgres may still be coming back
      final = Number(row.n)
      const sinceFaultS = Math.round((Date.now() - run.lastFaultAt) / 1000)
      if (settling.length === 0 || sinceFaultS >= settling[settling.length - 1]![0] + 2)
        settling.push([sinceFaultS, accepted.length - final])
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
    const statuses = await db
      .selectFrom('uploads')
      .select(['status', 'error_code', db.fn.countAll<number>().as('n')])
      .groupBy(['status', 'error_code'])
      .execute()
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
      duplicatePairs: duplicatePairs(await storedActivityKeys(db)),
      stillProcessing: processing,
      dangling: dangling.rows[0]?.n ?? 0,
      aggregates,
      byStatus: Object.fromEntries(statuses.map((s) => [`${s.status}${s.error_code ? `/${s.error_code}` : ''}`, Number(s.n)])),
      clientRetries: run.clientRetries,
      clientStatuses: run.clientStatuses,
      http500: run.http500,
      http503WithoutRetryAfter: run.http503WithoutRetryAfter,
      badAnswers: run.badAnswers,
      unexpectedExits: run.unexpectedExits(),
      openTransactions: run.openTransactions,
      recoveryS,
      settling,
    }
  } finally {
    await db.destroy()
  }
}

/** Every way the run broke a promise; empty when it held all of them. */
export function problems(report: ChaosReport, options: { recoveryTargetS?: number } = {}): string[] {
  const found: string[] = []
  if (report.lost > 0) found.push(`${report.lost} accepted uploads not final`)
  if (report.stillProcessing > 0) found.push(`${report.stillProcessing} uploads left queued or processing`)
  if (report.duplicated > 0) found.push(`${report.duplicated} sessions stored twice from the same bytes`)
  if (report.duplicatePairs.length > 0) found.push(`${report.duplicatePairs.length} pairs of activities the duplicate rules match`)
  if (report.dangling > 0) found.push(`${report.dangling} dangling activity ids`)
  if (report.aggregates.wrong.length > 0) found.push(`${report.aggregates.wrong.length} weekly aggregates differ from a recompute`)
  if (report.http500 > 0) found.push(`${report.http500} answers of 500`)
  for (const exit of report.unexpectedExits)
    found.push(`${exit.command} ${exit.pid} exited unkilled (code ${exit.code}, signal ${exit.signal})`)
  const restarts = report.faults.filter((f) => f === 'restart_postgres').length
  const withOpen = report.openTransactions.filter((t) => t.heldByRun || t.byFitledger > 0).length
  if (withOpen < restarts) found.push(`${restarts - withOpen} Postgres restarts met no open transaction`)
  if (report.http503WithoutRetryAfter > 0) found.push(`${report.http503WithoutRetryAfter} answers of 503 without Retry-After`)
  const target = options.recoveryTargetS
  if (target !== undefined && report.recoveryS > target) found.push(`recovery took ${report.recoveryS.toFixed(1)} s (target ${target} s)`)
  return found
}
