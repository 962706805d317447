/**
 * Batch import throughput (issue 6): an export zip of N generated activities (the fixtures
 * generator's 25–60 min sessions at 1 Hz; FIT, TCX, GPX in turn, every 4th gzipped) posted to
 * the API, expanded by one worker, every child processed. The API and the worker run as
 * separate processes from dist/, so peak RSS (VmHWM) is per process.
 *   npm run bench:import -- [activities=1000]
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { generateWorkload } from '../../fixtures/workload.js'
import { connectDb } from '../../src/db/connect.js'
import { buildZip } from '../helpers/zip.js'
import { prepareBenchStack } from './lib/bench-stack.js'
import { machineLine } from './lib/machine.js'
import { peakRssMib, spawnFitledger, stop, waitForHttp } from './lib/processes.js'

const COUNT = Number(process.argv[2] ?? 1000)
const BIN = fileURLToPath(new URL('../../bin/fitledger.js', import.meta.url))

async function main(): Promise<void> {
  console.log(machineLine())
  const t0 = performance.now()
  const files = generateWorkload(COUNT)
  const zip = await buildZip(files.map((f) => ({ name: `activities/${f.name}`, bytes: f.bytes })))
  const rawMb = files.reduce((s, f) => s + f.bytes.length, 0) / 1e6
  console.log(
    `export: ${COUNT} activities, ${rawMb.toFixed(1)} MB of files, zip ${(zip.length / 1e6).toFixed(1)} MB (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  )

  const stack = await prepareBenchStack({ MAX_UPLOAD_BYTES: String(1024 * 1024 * 1024) })
  const { env, token } = stack
  const api = spawnFitledger(['serve'], env)
  // The worker logs its time by stage when it stops (src/cli/work.ts); keep its stdout.
  const worker = spawn(process.execPath, [BIN, 'work'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let workerLog = ''
  worker.stdout.on('data', (c: Buffer) => (workerLog += c.toString()))
  const db = connectDb(env.DATABASE_URL, { max: 1 })
  try {
    await waitForHttp(`${stack.baseUrl}/readyz`)
    const start = performance.now()
    const res = await fetch(`${stack.baseUrl}/v1/uploads?filename=export.zip`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
      body: zip,
    })
    if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`)
    const accepted = performance.now()
    const parentId = ((await res.json()) as { uploads: { id: string }[] }).uploads[0]!.id
    let expanded = 0
    for (;;) {
      await new Promise((r) => setTimeout(r, 100))
      const parent = await db
        .selectFrom('uploads')
        .select(['status', 'expanded_at', 'error_message'])
        .where('id', '=', parentId)
        .executeTakeFirstOrThrow()
      if (parent.expanded_at && !expanded) expanded = performance.now()
      if (parent.status === 'failed') throw new Error(`archive failed: ${parent.error_message}`)
      if (parent.status === 'done') break
    }
    const done = performance.now()
    const outcomes = await db
      .selectFrom('uploads')
      .select(['status', 'error_code', db.fn.countAll<number>().as('n')])
      .where('parent_id', '=', parentId)
      .groupBy(['status', 'error_code'])
      .execute()
    const rss = { api: peakRssMib(api.pid!), worker: peakRssMib(worker.pid!) }
    await stop(worker)
    const stages = /"stage_s":(\{[^}]*\})/.exec(workerLog)?.[1]
    const s = (ms: number) => ms / 1000
    const wall = s(done - start)
    console.log(
      `accepted (202): ${s(accepted - start).toFixed(2)} s; expanded: ${s(expanded - start).toFixed(2)} s; all processed: ${wall.toFixed(2)} s`,
    )
    console.log(`throughput: ${(COUNT / wall).toFixed(1)} files/s, ${(rawMb / wall).toFixed(2)} MB/s`)
    console.log(`outcomes: ${outcomes.map((o) => `${o.status}${o.error_code ? `/${o.error_code}` : ''}=${o.n}`).join(' ')}`)
    console.log(`peak RSS: api ${rss.api.toFixed(0)} MiB, worker ${rss.worker.toFixed(0)} MiB (parser threads included)`)
    if (stages) {
      const totals = JSON.parse(stages) as Record<string, number>
      const busy = Object.values(totals).reduce((a, b) => a + b, 0)
      const line = Object.entries(totals)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s (${((100 * v) / busy).toFixed(0)}%)`)
        .join(', ')
      console.log(
        `worker time by stage (summed over 2 concurrent jobs): ${line}; queue wait/idle ≈ ${Math.max(0, 2 * wall - busy).toFixed(1)} s`,
      )
    }
  } finally {
    await db.destroy()
    await stop(api)
    await stop(worker)
    await stack.cleanup()
  }
}

await main()
