import { FitledgerError } from '../errors.js'

/**
 * Where upload bytes live, keyed by content hash. Adapters: local.ts (a directory) and s3.ts.
 * Every method rejects a malformed key with FitledgerError('internal'): keys come from
 * objectKeyFor, never from users, so a bad one is our bug.
 */
export interface ObjectStore {
  /** Durable once it resolves. Putting a key that exists is a no-op: same key, same bytes. */
  put(key: string, bytes: Uint8Array): Promise<void>
  /**
   * Stores a stream under its content key (objectKeyFor of its sha256), hashing it as it passes,
   * so no body is ever held whole in memory. Durable once it resolves. If `source` throws, that
   * error propagates and nothing is left behind: no object, no temp file.
   */
  putStream(source: AsyncIterable<Uint8Array>): Promise<StoredObject>
  /** Throws FitledgerError('not_found') for a missing key; other failures propagate (transient). */
  get(key: string): Promise<Uint8Array>
  has(key: string): Promise<boolean>
  /**
   * Streams the object into a new file at `path`, for objects too big to hold in memory (an
   * archive). Optional: callers fall back to get() (archive/download.ts).
   */
  getToFile?(key: string, path: string): Promise<void>
  /** Deleting a missing key is fine. */
  delete(key: string): Promise<void>
  /** Readiness: reachable and writable. Throws FitledgerError('unavailable') when not. */
  check(): Promise<void>
  close?(): Promise<void>
}

export interface StoredObject {
  readonly key: string
  readonly sha256: string
  readonly size_bytes: number
}

const SHA256_HEX = /^[0-9a-f]{64}$/
/** Segments never start with '.', which rules out '.', '..' and the adapters' temp files. */
const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/
const MAX_KEY_LENGTH = 512

/** `sha256/ab/cd/abcd…`: two fan-out levels keep directories (and S3 listings) small. */
export function objectKeyFor(sha256hex: string): string {
  if (!SHA256_HEX.test(sha256hex)) {
    throw new FitledgerError('internal', `not a lowercase sha256 hex digest: ${JSON.stringify(sha256hex)}`)
  }
  return `sha256/${sha256hex.slice(0, 2)}/${sha256hex.slice(2, 4)}/${sha256hex}`
}

/** Relative, '/'-separated, no empty, dot-led or '..' segment; returns the key unchanged. */
export function assertValidKey(key: string): string {
  const ok = key.length > 0 && key.length <= MAX_KEY_LENGTH && key.split('/').every((s) => KEY_SEGMENT.test(s))
  if (!ok) throw new FitledgerError('internal', `invalid object key: ${JSON.stringify(key)}`)
  return key
}
