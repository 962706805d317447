import { createHash } from 'node:crypto'

/** The lowercase hex sha256 of the bytes: the name an object is stored under (objectKeyFor). */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
