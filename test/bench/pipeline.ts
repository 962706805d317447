/**
 * Files per second through the whole pipeline: HTTP upload → storage → Redis → worker →
 * Postgres, with the API and one worker as separate processes on this machine.
 *   npx tsx test/bench/pipeline.ts [files=300] [concurrency=8]
 */
import { generateWorkload, type WorkloadFile } from '../../fixtures/workload.js'
import { connectDb } from '../../src/db/connect.js'
import { prepareBenchStack } from './lib/bench-stack.js'
import { machineLine } from './lib/machine.js'
import { peakRssMib, spawnFitledger, stop, waitForHttp } from './lib/processes.js'

const FILES = Number(process.argv[2] ?? 300)
const CONCURRENCY = Number(process.argv[3] ?? 8)

async function uploadAll(baseUrl: string, files: readonly WorkloadFile[], token: string): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!
      const form = new FormData()
      form.append('file', new Blob([file.bytes]), file.name)
      const res = await fetch(`${baseUrl}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
      if (res.status !== 202) throw new Error(`upload ${file.name}: ${res.status} ${await res.text()}`)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane))
}

async function main(): Promise<void> {
  console.log(machineLine())
  const files = generateWorkload(FILES)
  const megabytes = files.reduce((s, f) => s + f.bytes.length, 0) / 1e6
  const stack = await prepareBenchStack()
  const { env, token } = stack
  const api = spawnFitledger(['serve'], env)
  const worker = spawnFitledger(['work'], env)
  const db = connectDb(env.DATABASE_URL, { max: 1 })
  try {
    await waitForHttp(`${stack.baseUrl}/readyz`)
    const t0 = performance.now()
    await uploadAll(stack.baseUrl, files, token)
    const accepted = performance.now()
    let final = 0
    while (final < files.length) {
      await new Promise((r) => setTimeout(r, 100))
      const row = await db
        .selectFrom('uploads')
        .select(db.fn.countAll<number>().as('n'))
        .where('status', 'not in', ['queued', 'processing'])
        .executeTakeFirstOrThrow()
      final = Number(row.n)
    }
    const done = performance.now()
    const outcomes = await db
      .selectFrom('uploads')
      .select(['status', 'error_code', db.fn.countAll<number>().as('n')])
      .groupBy(['status', 'error_code'])
      .execute()
    const s = (ms: number) => ms / 1000
    console.log(
      `files: ${files.length} (${megabytes.toFixed(1)} MB; FIT, TCX, GPX in turn, every 4th gzipped), ${CONCURRENCY} concurrent uploads`,
    )
    console.log(`accepted (202): ${(files.length / s(accepted - t0)).toFixed(1)} files/s (${s(accepted - t0).toFixed(2)} s)`)
    console.log(
      `end to end (all final): ${(files.length / s(done - t0)).toFixed(1)} files/s, ${(megabytes / s(done - t0)).toFixed(2)} MB/s (${s(done - t0).toFixed(2)} s)`,
    )
    console.log(`outcomes: ${outcomes.map((o) => `${o.status}${o.error_code ? `/${o.error_code}` : ''}=${o.n}`).join(' ')}`)
    console.log(`peak RSS: api ${peakRssMib(api.pid!).toFixed(0)} MiB, worker ${peakRssMib(worker.pid!).toFixed(0)} MiB`)
  } finally {
    await db.destroy()
    await stop(api)
    await stop(worker)
    await stack.cleanup()
  }
}

await main()
