/**
 * The API under load, with a worker running:  npm run bench:load [-- --seconds 10]
 * autocannon drives uploads, activity lists and weekly reports on loopback; then an overload
 * burst checks that the API pushes back (429/503 with Retry-After) and never answers 500.
 */
import autocannon, { type Result } from 'autocannon'
import { generateWorkload } from '../../fixtures/workload.js'
import { redisConnection } from '../../src/cli/runtime.js'
import { createIngestQueue } from '../../src/queue/ingest-queue.js'
import { prepareBenchStack } from './lib/bench-stack.js'
import { machineLine } from './lib/machine.js'
import { spawnFitledger, stop, waitForHttp } from './lib/processes.js'

const secondsArg = process.argv.indexOf('--seconds')
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10

function gpx(n: number): string {
  const t0 = Date.UTC(2024, 0, 1) + n * 3_600_000
  const points = Array.from({ length: 120 }, (_, i) => {
    const lat = 46 + i * 0.0001
    return `<trkpt lat="${lat.toFixed(5)}" lon="14.00000"><time>${new Date(t0 + i * 5000).toISOString()}</time></trkpt>`
  })
  return `<?xml version="1.0"?><gpx version="1.1" creator="load" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>${points.join('')}</trkseg></trk></gpx>`
}

function line(name: string, r: Result): string {
  const statuses = Object.entries(r.statusCodeStats as Record<string, { count: number }>)
    .map(([code, s]) => `${code}=${s.count}`)
    .join(' ')
  return `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   ${statuses}${r.errors ? `  socket errors=${r.errors}` : ''}`
}

async function main(): Promise<void> {
  console.log(machineLine())
  const stack = await prepareBenchStack({
    MAX_CONCURRENT_UPLOADS: '16',
    RATE_LIMIT_UPLOADS_PER_MIN: '100000',
    RATE_LIMIT_REPORTS_PER_MIN: '100000',
  })
  const { env, token, prefix } = stack
  const BASE = stack.baseUrl
  const headers = { authorization: `Bearer ${token}` }
  const api = spawnFitledger(['serve'], env)
  const worker = spawnFitledger(['work'], env)
  const queue = createIngestQueue(redisConnection('redis://127.0.0.1:6379'), prefix)
  const depth: number[] = []
  const sampler = setInterval(
    () =>
      void queue
        .getJobCounts('waiting', 'active', 'delayed')
        .then((c) => depth.push((c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0))),
    1000,
  )
  try {
    await waitForHttp(`${BASE}/readyz`)
    // Some history to list and report on.
    for (const file of generateWorkload(60)) {
      const form = new FormData()
      form.append('file', new Blob([file.bytes]), file.name)
      await fetch(`${BASE}/v1/uploads`, { method: 'POST', headers, body: form })
    }
    let n = 0
    const run = (opts: autocannon.Options) => autocannon({ duration: SECONDS, connections: 10, ...opts })
    const results: [string, Result][] = []
    results.push(['GET /v1/activities', await run({ url: `${BASE}/v1/activities?limit=50`, headers })])
    results.push(['GET /v1/reports/weekly/W', await run({ url: `${BASE}/v1/reports/weekly/2020-W03`, headers })])
    results.push([
      'POST /v1/uploads (GPX)',
      await run({
        url: `${BASE}/v1/uploads?filename=load.gpx`,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/gpx+xml' },
        setupClient: (client) => client.setBody(gpx(n++)),
        requests: [{ setupRequest: (req) => ({ ...req, body: gpx(n++) }) }],
      }),
    ])
    results.push([
      'overload: POST x 200 conns',
      await run({
        url: `${BASE}/v1/uploads?filename=big.bin`,
        method: 'POST',
        connections: 200,
        duration: Math.min(5, SECONDS),
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(2 * 1024 * 1024, 7).toString('latin1'),
      }),
    ])
    console.log(`${SECONDS} s per run, 10 connections unless said otherwise`)
    for (const [label, r] of results) console.log(line(label, r))
    console.log(`queue depth (waiting+active+delayed), one sample a second: ${depth.join(' ')}`)
    const five = results.reduce((sum, [, r]) => sum + ((r.statusCodeStats as Record<string, { count: number }>)['500']?.count ?? 0), 0)
    console.log(`500 answers: ${five}`)
  } finally {
    clearInterval(sampler)
    await queue.close()
    await stop(api)
    await stop(worker)
    await stack.cleanup()
  }
}

await main()
