/**
 * Which failures mean a service we depend on is down or overloaded (Postgres, Redis, storage),
 * as opposed to a bug of ours: the first answer 503 `unavailable` with Retry-After, the second
 * stay 500 `internal`. Recognised by the codes and names the libraries give, never by hosts.
 */

/** Sockets that could not connect, or were cut (Node's system error codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
])

/** A local storage directory that cannot take a write (a full or failing disk). */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS'])

/**
 * Postgres SQLSTATEs (appendix A of its manual): connection exceptions (08), shutdown or
 * start-up in progress (57P01-57P03), out of resources (53), and the deadlines we set
 * ourselves (statement and lock timeouts, an open transaction left idle) or conflicts a retry
 * resolves (serialisation failure, deadlock).
 */
const PG_STATES = new Set(['57P01', '57P02', '57P03', '57014', '55P03', '25P03', '40001', '40P01'])
const PG_CLASSES = ['08', '53']

/** pg's and ioredis' own errors carry no code, only these messages. */
const LIBRARY_MESSAGES = [
  /^Connection terminated/, //                     pg: the socket closed under a client
  /timeout exceeded when trying to connect/, //   pg-pool: no free connection in time
  /is not queryable/, //                           pg: a client whose connection died
  /^Connection is closed\.?$/, //                  ioredis
  /enableOfflineQueue options is false/, //        ioredis, while reconnecting
]

/** AWS SDK v3: a timeout of ours, a throttle, or a 5xx from the service. */
function isStorageServiceFault(err: Record<string, unknown>): boolean {
  if (err.name === 'TimeoutError' || err.name === 'MaxRetriesPerRequestError') return true
  const status = (err.$metadata as { httpStatusCode?: unknown } | undefined)?.httpStatusCode
  return typeof status === 'number' && status >= 500
}

function isDownHere(err: Record<string, unknown>): boolean {
  const code = typeof err.code === 'string' ? err.code : ''
  if (NETWORK_CODES.has(code) || DISK_CODES.has(code)) return true
  if (/^[0-9A-Z]{5}$/.test(code) && (PG_STATES.has(code) || PG_CLASSES.includes(code.slice(0, 2)))) return true
  const message = typeof err.message === 'string' ? err.message : ''
  return LIBRARY_MESSAGES.some((m) => m.test(message)) || isStorageServiceFault(err)
}

/** True when the error, or any error it wraps (`cause`, an AggregateError's `errors`), is a dependency failing. */
export function isDependencyFailure(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false
  const record = err as Record<string, unknown>
  if (isDownHere(record)) return true
  if (Array.isArray(record.errors) && record.errors.some((e) => isDependencyFailure(e, depth + 1))) return true
  return isDependencyFailure(record.cause, depth + 1)
}
