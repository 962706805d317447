/**
 * What a command prints when it fails. An expected failure (a bad path, a port in use, a service
 * that is down, bad input) is one line that says what was wrong and what to do. Anything else is
 * a bug in fitledger: one line too, and the stack only when LOG_LEVEL=debug (or trace) asks.
 */
import { ConfigError } from '../config.js'
import { FitledgerError } from '../errors.js'
import { ServiceDownError } from './runtime.js'

/** Exit codes, from BSD's sysexits.h as most command-line tools use them. */
export const EXIT = { failure: 1, software: 70, config: 78 } as const

interface SystemError {
  readonly code?: string
  readonly syscall?: string
  readonly path?: string
  readonly address?: string
  readonly port?: number
}

const PATH_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, where a file was expected',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links (a link that points at itself?)',
  ENAMETOOLONG: 'the path is too long',
}

/** The one line of an expected failure, or null when the error is a bug. */
export function expectedFailure(err: unknown): string | null {
  if (err instanceof ServiceDownError || err instanceof ConfigError || err instanceof FitledgerError) return err.message
  const sys = err as SystemError
  if (sys.syscall === 'listen' || sys.syscall === 'bind') return listenFailure(sys)
  const reason = sys.code ? PATH_REASONS[sys.code] : undefined
  if (reason && sys.path) return `${sys.path}: ${reason}`
  return null
}

function listenFailure(sys: SystemError): string | null {
  const where = `${sys.address ?? 'HOST'}:${sys.port ?? 'PORT'}`
  if (sys.code === 'EADDRINUSE') return `${where} is already in use: stop whatever listens there, or set PORT to a free port`
  if (sys.code === 'EACCES') return `${where} needs privileges to listen on: set PORT to 1024 or above`
  if (sys.code === 'EADDRNOTAVAIL') return `${where} is not an address of this machine: set HOST to one of its addresses (or 0.0.0.0)`
  return null
}

/** The exit code and the lines to print for any failure of a command. */
export function describeFailure(err: unknown, env: Record<string, string | undefined>): { code: number; lines: string[] } {
  const expected = expectedFailure(err)
  if (expected !== null) return { code: err instanceof ConfigError ? EXIT.config : EXIT.failure, lines: [`fitledger: ${expected}`] }
  const message = err instanceof Error ? err.message : String(err)
  const debug = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace'
  return {
    code: EXIT.software,
    lines: [
      `fitledger: unexpected error: ${message}. This is a bug in fitledger; ` +
        (debug ? 'the stack follows.' : 'run again with LOG_LEVEL=debug to see where it happened.'),
      ...(debug && err instanceof Error && err.stack ? [err.stack] : []),
    ],
  }
}
