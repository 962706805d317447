/**
 * Fault injection, end to end:  npm run chaos [-- --files 300 --archive 60 --workers 3 --runs 10]
 * Own Redis and Postgres, an API and workers, on the default configuration; uploads while it
 * kills workers, restarts Redis (empty), Postgres (with transactions open) and the API, and
 * breaks storage. A run fails when anything was lost or duplicated (by the duplicate rules), a
 * client got a 500, a process died that the run did not kill, or the uploads were not all final
 * within 15 s of the last fault. `--runs N` repeats it; the exit code is non-zero if any failed.
 */
import { runChaos } from '../chaos/run.js'
import { type ChaosReport, problems, RECOVERY_TARGET_S } from '../chaos/verify.js'
import { machineLine } from './lib/machine.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

function printReport(report: ChaosReport, runS: number): void {
  const pairs = report.duplicatePairs.map((p) => `${p.ids.join('~')} (${p.rule})`).join(', ')
  console.log(`faults injected: ${report.faults.length} (${report.faults.join(', ')})`)
  console.log(
    `uploads accepted: ${report.accepted}, final: ${report.final}, lost: ${report.lost}, duplicated: ${report.duplicated}, duplicate pairs by the rules: ${report.duplicatePairs.length}${pairs ? ` (${pairs})` : ''}, left processing: ${report.stillProcessing}, dangling activity ids: ${report.dangling}`,
  )
  console.log(
    `weekly aggregates equal to a full recompute: ${report.aggregates.equal} of ${report.aggregates.weeks}${report.aggregates.wrong.length ? ` (wrong: ${report.aggregates.wrong.join(', ')})` : ''}`,
  )
  console.log(
    `outcomes: ${Object.entries(report.byStatus)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  )
  console.log(
    `clients: ${report.clientRetries} retries; answers ${
      Object.entries(report.clientStatuses)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'none'
    } of 429/5xx; 500s: ${report.http500}; 503s without Retry-After: ${report.http503WithoutRetryAfter}`,
  )
  for (const answer of report.badAnswers) console.log(`  ${answer}`)
  console.log(
    `Postgres restarts met open transactions: ${report.openTransactions.map((t) => `held by the run ${t.heldByRun ? 'yes' : 'no'}, fitledger's ${t.byFitledger}`).join('; ') || 'no restart'}`,
  )
  console.log(`processes that exited unkilled: ${report.unexpectedExits.length}`)
  for (const exit of report.unexpectedExits)
    console.log(`  ${exit.command} ${exit.pid} code ${exit.code} signal ${exit.signal}: ${exit.lastLines.join(' | ')}`)
  console.log(`not final yet, by seconds after the last fault: ${report.settling.map(([s, n]) => `+${s}s ${n}`).join(', ')}`)
  console.log(`recovery: everything final ${report.recoveryS.toFixed(1)} s after the last fault; whole run ${runS.toFixed(0)} s`)
}

console.log(machineLine())
const runs = arg('runs', 1)
const results: { recoveryS: number; problems: string[] }[] = []
for (let run = 1; run <= runs; run++) {
  const t0 = Date.now()
  const report = await runChaos({
    files: arg('files', 300),
    recodeEvery: arg('recode-every', 10),
    archiveOf: arg('archive', 60),
    workers: arg('workers', 3),
    corpus: true,
    faults: [
      'kill_worker',
      'restart_redis',
      'kill_worker',
      'restart_postgres',
      'storage_outage',
      'restart_api',
      'kill_worker',
      'restart_redis',
    ],
    settleTimeoutS: 300,
    log: (line) => console.log(line),
  })
  printReport(report, (Date.now() - t0) / 1000)
  const found = problems(report, { recoveryTargetS: RECOVERY_TARGET_S })
  results.push({ recoveryS: report.recoveryS, problems: found })
  console.log(
    `run ${run}/${runs}: ${found.length === 0 ? 'PASS' : 'FAIL'}, recovery ${report.recoveryS.toFixed(1)} s${found.length ? `: ${found.join('; ')}` : ''}`,
  )
}
const failed = results.filter((r) => r.problems.length > 0).length
const recovery = results.map((r) => r.recoveryS).sort((a, b) => a - b)
const median = (recovery[Math.floor((recovery.length - 1) / 2)]! + recovery[Math.ceil((recovery.length - 1) / 2)]!) / 2
console.log(
  `summary: ${runs - failed} of ${runs} runs passed; recovery after the last fault min ${recovery[0]!.toFixed(1)} s, median ${median.toFixed(1)} s, max ${recovery[recovery.length - 1]!.toFixed(1)} s (target ${RECOVERY_TARGET_S} s)`,
)
process.exitCode = failed === 0 ? 0 : 1
