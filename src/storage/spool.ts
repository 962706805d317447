import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { contentHasher } from './content-hash.js'

/** What a stream turned out to hold, once it is all written. */
export interface SpooledContent {
  readonly sha256: string
  readonly size_bytes: number
}

/**
 * Writes `source` into a new file at `path` (which must not exist), hashing each chunk as it
 * passes, so a body of any size costs one chunk of memory. With `sync`, the bytes are on disk
 * when it resolves. On failure the file may be left half-written: the caller owns the path.
 */
export async function spoolToFile(source: AsyncIterable<Uint8Array>, path: string, options: { sync: boolean }): Promise<SpooledContent> {
  const hash = contentHasher()
  let size = 0
  const file: FileHandle = await open(path, 'wx')
  try {
    for await (const chunk of source) {
      hash.update(chunk)
      size += chunk.byteLength
      for (let at = 0; at < chunk.byteLength;) at += (await file.write(chunk, at)).bytesWritten
    }
    if (options.sync) await file.sync()
  } finally {
    await file.close()
  }
  return { sha256: hash.digest('hex'), size_bytes: size }
}
