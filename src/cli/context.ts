import { type Config, loadConfig } from '../config.js'
import { createLogger, type Logger } from '../log.js'

/** What every command gets from main: the environment, output streams and a way to stop. */
export interface CliContext {
  readonly env: Record<string, string | undefined>
  readonly stdout: NodeJS.WritableStream
  readonly stderr: NodeJS.WritableStream
  /** Resolves on SIGTERM or SIGINT; long-running commands await it, then shut down. */
  readonly stopSignal: Promise<string>
}

export function configAndLog(ctx: CliContext): { config: Config; log: Logger } {
  const config = loadConfig(ctx.env)
  return { config, log: createLogger(config.LOG_LEVEL) }
}

export function println(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${line}\n`)
}
