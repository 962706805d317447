import { Queue } from 'bullmq'
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { redisConnection } from '../../src/cli/runtime.js'
import { loadConfig } from '../../src/config.js'
import { INGEST_QUEUE } from '../../src/queue/ingest-queue.js'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const ENTRY = `import(${JSON.stringify(MAIN)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)) })`

type Command = 'serve' | 'work' | 'migrate'

/** A process that ended although the run never signalled it: a crash, whatever its exit code. */
export interface UnexpectedExit {
  readonly command: Command
  readonly pid: number | undefined
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** The last lines it wrote to stderr, for the report. */
  readonly lastLines: readonly string[]
}

/**
 * fitledger processes for the chaos run, from source (through tsx), so the run always tests
 * the code as it is, not a stale build. It knows whom it signalled, so any other exit of an API
 * or a worker is a crash the run reports.
 */
export class Fleet {
  readonly api: ChildProcess[] = []
  readonly workers: ChildProcess[] = []
  readonly unexpectedExits: UnexpectedExit[] = []
  private readonly signalled = new Set<ChildProcess>()
  private ingestQueue: Queue | null = null
  exits = 0

  constructor(
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  spawn(command: Command): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, command], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const tail: string[] = []
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) tail.push(line.slice(0, 300))
        if (tail.length > 5) tail.shift()
        if (/"level":(50|60)|Error/.test(line)) this.log(`[${command} ${child.pid}] ${line.slice(0, 300)}`)
      }
    })
    child.once('exit', (code, signal) => {
      this.exits += 1
      if (command === 'migrate' || this.signalled.has(child)) return
      this.unexpectedExits.push({ command, pid: child.pid, code, signal, lastLines: [...tail] })
      this.log(`[${command} ${child.pid}] exited on its own (code ${code}, signal ${signal})`)
    })
    if (command === 'serve') this.api.push(child)
    if (command === 'work') this.workers.push(child)
    return child
  }

  async run(command: 'migrate'): Promise<void> {
    const child = this.spawn(command)
    const code = await new Promise<number | null>((r) => child.once('exit', r))
    if (code !== 0) throw new Error(`fitledger ${command} exited ${code}`)
  }

  liveWorkers(): ChildProcess[] {
    return this.workers.filter(isLive)
  }

  liveApis(): ChildProcess[] {
    return this.api.filter(isLive)
  }

  /**
   * Waits until every live worker has joined the ingest queue and an API answers, so that the
   * next fault never meets a process that is still starting (one that finds Redis or Postgres
   * down at start-up stops with a message, by design; a supervisor would start it again).
   */
  async ready(timeoutMs = 60_000): Promise<void> {
    const config = loadConfig({ ...this.env })
    this.ingestQueue ??= new Queue(INGEST_QUEUE, { connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX })
    this.ingestQueue.on('error', () => {})
    const queue = this.ingestQueue
    const deadline = Date.now() + timeoutMs
    const workersIn = () => queue.getWorkersCount().catch(() => -1)
    const apiAnswers = () =>
      fetch(`http://127.0.0.1:${config.PORT}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      )
    while ((await workersIn()) < this.liveWorkers().length || !(await apiAnswers())) {
      if (Date.now() > deadline) throw new Error(`the fleet was not ready after ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  async signal(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (!isLive(child)) return
    this.signalled.add(child)
    const exited = new Promise((r) => child.once('exit', r))
    child.kill(signal)
    await exited
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.api, ...this.workers].map((c) => this.signal(c, 'SIGTERM')))
    await this.ingestQueue?.close()
  }
}

function isLive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}
