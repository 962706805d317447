import { createHash } from 'node:crypto'

/** RFC 9562, UUID version 5: SHA-1 of a namespace UUID and a name. */
function uuidV5(namespaceId: string, name: string): string {
  const namespace = Buffer.from(namespaceId.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50 // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80 // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * A child upload's id, derived from its parent's id and its path in the archive. Expanding the
 * same archive again yields the same ids, so the rows an earlier, interrupted run made are
 * found rather than made twice. A path that appears again in the same archive (`occurrence`
 * 1, 2, …: walk.ts) takes its id from the first one's, as a namespace: no path, however odd,
 * can give the same id, and the first entry keeps the id it always had.
 */
export function childUploadId(parentId: string, entryPath: string, occurrence = 0): string {
  const first = uuidV5(parentId, entryPath)
  return occurrence === 0 ? first : uuidV5(first, String(occurrence))
}
