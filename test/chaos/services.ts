import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net')
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

/** A Redis of our own that keeps nothing on disk: a restart forgets every job, as in production here. */
export class ChaosRedis {
  private child: ChildProcess | null = null
  constructor(readonly port: number) {}

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
    await until(() => portOpen(this.port), 'redis')
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
    this.child = null
  }
}

function pgBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort()
  return join('/usr/lib/postgresql', versions[versions.length - 1]!, 'bin', name)
}

/** A throwaway Postgres cluster (initdb + pg_ctl as the postgres user, which they require). */
export class ChaosPostgres {
  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  private asPostgres(args: string[]): void {
    execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore', cwd: this.dir })
  }

  async init(): Promise<void> {
    mkdirSync(this.dir, { recursive: true })
    chownSync(
      this.dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    )
    chmodSync(this.dir, 0o700)
    if (!existsSync(join(this.dir, 'PG_VERSION'))) this.asPostgres([pgBin('initdb'), '-D', this.dir, '-A', 'trust', '-U', 'postgres'])
    await this.start()
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=200`
    this.asPostgres([pgBin('pg_ctl'), '-D', this.dir, '-o', options, '-l', join(this.dir, 'log'), '-w', 'start'])
    await until(() => portOpen(this.port), 'postgres')
  }

  /** Fast shutdown: open connections are cut, as in a crash or a failover. */
  async stop(): Promise<void> {
    this.asPostgres([pgBin('pg_ctl'), '-D', this.dir, '-m', 'fast', '-w', 'stop'])
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`
  }
}
