import type { Readable } from 'node:stream'
import { FitledgerError } from '../errors.js'
import { detectFormat } from '../parse/detect.js'
import type { ObjectStore } from '../storage/object-store.js'
import type { StoredFile } from './accept-upload.js'
import { toFitledgerError } from './errors.js'

/** Bytes kept from the front of a body, for sniffing its format (an archive or a file). */
const HEAD_BYTES = 64 * 1024

export interface BodyLimit {
  /** What this body may still hold: MAX_UPLOAD_BYTES less the request's earlier files. */
  readonly leftBytes: number
  /** MAX_UPLOAD_BYTES, for the message. */
  readonly maxBytes: number
}

/**
 * Streams one request body (a raw body or a multipart file part) into storage while it is
 * hashed: no body is held in memory. A body over the limit is `too_large` and an empty one
 * `bad_request`, both raised inside the stream so the store drops its temp file; a body the
 * client cuts short or garbles is `bad_request`, never a 500. The body is never destroyed here:
 * the socket must stay up to carry the answer (unread-body.ts).
 */
export async function storeBody(storage: ObjectStore, filename: string, body: Readable, limit: BodyLimit): Promise<StoredFile> {
  let head = new Uint8Array(0)
  async function* metered(): AsyncGenerator<Uint8Array> {
    let size = 0
    // Ending early leaves the body's listeners off and the body itself whole.
    const chunks = body.iterator({ destroyOnReturn: false })
    try {
      for (;;) {
        let next: IteratorResult<Uint8Array>
        try {
          next = (await chunks.next()) as IteratorResult<Uint8Array>
        } catch (err) {
          throw clientBodyError(err, `the body of ${filename} ended early or is malformed`)
        }
        if (next.done) break
        const chunk = next.value
        size += chunk.byteLength
        if (size > limit.leftBytes) throw new FitledgerError('too_large', `the upload is over ${limit.maxBytes} bytes`)
        if (head.byteLength < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.byteLength)])
        yield chunk
      }
    } finally {
      await chunks.return?.()
    }
    if (size === 0) throw new FitledgerError('bad_request', `${filename} is empty`)
  }
  const object = await storage.putStream(metered())
  // An archive (by content, never by name) is expanded by a worker into child uploads.
  return { filename, object, archive: detectFormat(head) === 'zip' }
}

/**
 * What a failure to read the client's bytes becomes: our code when it has one (a multipart
 * limit is too_large), else bad_request. Only the reading is wrapped, never the storing, so a
 * failure of ours is still a 500.
 */
export function clientBodyError(err: unknown, what: string): FitledgerError {
  const mapped = toFitledgerError(err)
  if (mapped.code !== 'internal') return mapped
  const reason = err instanceof Error ? err.message : String(err)
  return new FitledgerError('bad_request', `${what}: ${reason}`, { cause: err })
}
