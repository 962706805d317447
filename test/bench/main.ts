/**
 * `npm run bench`: every benchmark in turn, each in a process of its own so one's memory and
 * handles cannot skew the next. A bench file another issue has not added yet is skipped.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const BENCHES = ['parse.ts', 'report.ts', 'pipeline.ts']

let failed = 0
for (const file of BENCHES) {
  const path = fileURLToPath(new URL(`./${file}`, import.meta.url))
  if (!existsSync(path)) continue
  console.log(`\n== ${file}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' })
  if (run.status !== 0) failed += 1
}
process.exitCode = failed === 0 ? 0 : 1
