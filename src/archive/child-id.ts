import { createHash } from 'node:crypto'

/**
 * A child upload's id, derived from its parent's id and its path in the archive (RFC 9562,
 * UUID version 5: SHA-1 of namespace + name). Expanding the same archive again yields the same
 * ids, so the rows an earlier, interrupted run made are found rather than made twice.
 */
export function childUploadId(parentId: string, entryPath: string): string {
  const namespace = Buffer.from(parentId.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(namespace).update(entryPath, 'utf8').digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50 // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80 // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
