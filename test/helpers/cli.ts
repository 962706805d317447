import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { main } from '../../src/cli/main.js'
import { Collect } from './terminal.js'

/** Runs `fitledger …` in-process with its own environment and captured output; `tty` makes stderr a terminal. */
export async function runCli(args: string[], env: Record<string, string | undefined>, stopSignal?: Promise<string>, tty = false) {
  const stdout = new Collect()
  const stderr = new Collect(tty)
  const code = await main(args, { env, stdout, stderr, stopSignal: stopSignal ?? new Promise(() => {}) })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

/**
 * Starts `fitledger …` in-process and leaves it running: its output can be read while it runs
 * (a long-running command such as `sync`), and `stop` sends it the stop signal.
 */
export function startCli(args: string[], env: Record<string, string | undefined>) {
  const stdout = new Collect()
  const stderr = new Collect()
  let stop: (signal: string) => void = () => {}
  const done = main(args, { env, stdout, stderr, stopSignal: new Promise((r) => (stop = r)) })
  return { stdout: () => stdout.text, stderr: () => stderr.text, stop: () => stop('SIGTERM'), done }
}

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
// What bin/fitledger.js does, but from source, so the test runs the code as it is.
const ENTRY = `import(${JSON.stringify(MAIN)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)) })`

/** node's arguments that run `fitledger …` from source. */
export function fitledgerArgs(args: readonly string[]): string[] {
  return ['--import', 'tsx', '--input-type=module', '-e', ENTRY, '--', ...args]
}

/**
 * Runs `fitledger …` as a real process, as a user would; a process that would not exit is killed.
 * `as` runs it as another user (root reads any file, so only another user meets EACCES).
 */
export function runCliProcess(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
  as?: { uid: number; gid: number },
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    execFile(
      process.execPath,
      fitledgerArgs(args),
      { env: { ...process.env, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL', ...as },
      (err, stdout, stderr) => {
        const timedOut = (err as { killed?: boolean } | null)?.killed === true
        resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr, timedOut })
      },
    )
  })
}
