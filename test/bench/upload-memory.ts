/**
 * API peak memory under large uploads:  npm run bench:upload-memory [-- --clients 32 --mib 100]
 * Starts the API as a process of its own, sends CLIENTS bodies of MIB MiB at once (generated on
 * the fly, never written to disk here), and prints the API's peak RSS (VmHWM). Bodies stream
 * to storage, so the peak must stay under 300 MB with the defaults (issue 10, item 12).
 */
import { request } from 'node:http'
import { prepareBenchStack } from './lib/bench-stack.js'
import { machineLine } from './lib/machine.js'
import { peakRssMib, spawnFitledger, stop, waitForHttp } from './lib/processes.js'

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? Number(process.argv[i + 1]) : fallback
}
const CLIENTS = arg('clients', 32)
const MIB = arg('mib', 100)
const CHUNK_BYTES = 64 * 1024

/** POSTs `MIB` MiB of bytes unique to `client`, written chunk by chunk as the socket drains. */
function upload(baseUrl: string, token: string, client: number): Promise<number> {
  const chunk = Buffer.alloc(CHUNK_BYTES, client)
  const chunks = (MIB * 1024 * 1024) / CHUNK_BYTES
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/v1/uploads?filename=big-${client}.bin`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(MIB * 1024 * 1024),
      },
    })
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    let sent = 0
    const pump = () => {
      while (sent < chunks) {
        // Distinct bytes per chunk too, so no two bodies (or chunks) hash alike.
        chunk.writeUInt32LE(sent, 0)
        sent += 1
        if (!req.write(Buffer.from(chunk))) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

async function main(): Promise<void> {
  console.log(machineLine())
  const stack = await prepareBenchStack({ RATE_LIMIT_UPLOADS_PER_MIN: '100000', MAX_UPLOAD_BYTES: String(MIB * 1024 * 1024) })
  const api = spawnFitledger(['serve'], stack.env)
  try {
    await waitForHttp(`${stack.baseUrl}/readyz`)
    const pid = api.pid ?? Number.NaN
    const idle = peakRssMib(pid)
    const started = performance.now()
    const statuses = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => upload(stack.baseUrl, stack.token, i)))
    const seconds = (performance.now() - started) / 1000
    const peak = peakRssMib(pid)
    const counts = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {})
    console.log(
      `${CLIENTS} clients x ${MIB} MiB at once, in ${seconds.toFixed(1)} s (${((CLIENTS * MIB) / seconds).toFixed(0)} MiB/s); answers: ${JSON.stringify(counts)}`,
    )
    console.log(
      `API peak RSS (VmHWM): ${peak.toFixed(0)} MiB (${idle.toFixed(0)} MiB when idle before the uploads); target < 300 MB (${(300e6 / 2 ** 20).toFixed(0)} MiB)`,
    )
  } finally {
    await stop(api)
    await stack.cleanup()
  }
}

await main()
