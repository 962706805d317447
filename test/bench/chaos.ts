/**
 * Fault injection, end to end:  npm run chaos [-- --files 300 --archive 60 --workers 3]
 * Own Redis and Postgres, an API and workers; uploads while it kills workers, restarts Redis
 * (empty), Postgres and the API, and breaks storage. Prints what was lost or duplicated.
 */
import { runChaos } from '../chaos/run.js'
import { machineLine } from './lib/machine.js'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}

console.log(machineLine())
const t0 = Date.now()
const report = await runChaos({
  files: arg('files', 300),
  archiveOf: arg('archive', 60),
  workers: arg('workers', 3),
  corpus: true,
  faults: ['kill_worker', 'restart_redis', 'kill_worker', 'restart_postgres', 'storage_outage', 'restart_api', 'kill_worker', 'restart_redis'],
  settleTimeoutS: 300,
  log: (line) => console.log(line),
})
console.log(`faults injected: ${report.faults.length} (${report.faults.join(', ')})`)
console.log(`uploads accepted: ${report.accepted}, final: ${report.final}, lost: ${report.lost}, duplicated: ${report.duplicated}, left processing: ${report.stillProcessing}, dangling activity ids: ${report.dangling}`)
console.log(`weekly aggregates equal to a full recompute: ${report.aggregates.equal} of ${report.aggregates.weeks}${report.aggregates.wrong.length ? ` (wrong: ${report.aggregates.wrong.join(', ')})` : ''}`)
console.log(`outcomes: ${Object.entries(report.byStatus).map(([k, v]) => `${k}=${v}`).join(' ')}`)
console.log(`client retries during faults: ${report.clientRetries}`)
console.log(`processes that died unkilled: ${report.unexpectedExits.length}${report.unexpectedExits.length ? ` (${report.unexpectedExits.join('; ')})` : ''}`)
console.log(`recovery: everything final ${report.recoveryS.toFixed(1)} s after the last fault; whole run ${((Date.now() - t0) / 1000).toFixed(0)} s`)
process.exitCode = report.unexpectedExits.length === 0 && report.lost === 0 && report.duplicated === 0 && report.stillProcessing === 0 && report.dangling === 0 && report.aggregates.wrong.length === 0 ? 0 : 1
