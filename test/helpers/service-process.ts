import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
// What bin/fitledger.js does, but from source, so the test runs the code as it is.
const ENTRY = `import(${JSON.stringify(MAIN)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)) })`

export interface ServiceProcess {
  /** http://host:port, from HOST and PORT. */
  readonly base: string
  /** What the process wrote, for a failure message. */
  output(): string
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>
}

/**
 * `fitledger start` (what `npm start` runs: migrations, the API and a worker in one process) as a
 * real process, answering once /readyz says Postgres, Redis and storage are reachable.
 */
export async function startService(env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, 'start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const base = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? '3000'}`
  const service: ServiceProcess = {
    base,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fitledger start exited ${child.exitCode}:\n${output}`)
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return service
    if (Date.now() > deadline) {
      await service.stop()
      throw new Error(`fitledger start was not ready within ${timeoutMs} ms:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}
