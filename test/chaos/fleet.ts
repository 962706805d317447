import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const ENTRY = `import(${JSON.stringify(MAIN)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)) })`

/**
 * fitledger processes for the chaos run, from source (through tsx), so the run always tests
 * the code as it is, not a stale build.
 */
export class Fleet {
  readonly api: ChildProcess[] = []
  readonly workers: ChildProcess[] = []
  exits = 0
  /** Processes that died without the run signalling them: each is a failure of the run. */
  readonly unexpectedExits: string[] = []
  private readonly signalled = new Set<ChildProcess>()

  constructor(
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  spawn(command: 'serve' | 'work' | 'migrate'): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, command], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (/"level":(50|60)|Error/.test(line)) this.log(`[${command} ${child.pid}] ${line.slice(0, 300)}`)
    })
    child.once('exit', (code, signal) => {
      this.exits += 1
      if (command !== 'migrate' && !this.signalled.has(child)) this.unexpectedExits.push(`${command} ${child.pid} exited ${code ?? signal}`)
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
    return this.workers.filter((w) => w.exitCode === null && w.signalCode === null)
  }

  async signal(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    this.signalled.add(child)
    child.kill(signal)
    await exited
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.api, ...this.workers].map((c) => this.signal(c, 'SIGTERM')))
  }
}
