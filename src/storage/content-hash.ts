import { createHash, type Hash } from 'node:crypto'

/** The hash objects are named by (objectKeyFor); one place, so a stream and a buffer agree. */
export function contentHasher(): Hash {
  return createHash('sha256')
}

/** The lowercase hex sha256 of the bytes: the name an object is stored under (objectKeyFor). */
export function contentHash(bytes: Uint8Array): string {
  return contentHasher().update(bytes).digest('hex')
}
