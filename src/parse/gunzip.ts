/**
 * Inflates a gzip stream with a cap on the output. The cap is checked chunk by chunk while
 * inflating, so a gzip bomb stops after about `maxBytes`, not after filling memory.
 */
import { createGunzip } from 'node:zlib'
import { FitledgerError } from '../errors.js'

export function gunzipCapped(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip()
    const chunks: Buffer[] = []
    let total = 0
    let settled = false
    const fail = (err: FitledgerError): void => {
      if (settled) return
      settled = true
      gunzip.destroy()
      reject(err)
    }
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (total > maxBytes) {
        fail(new FitledgerError('too_large', `the file inflates to more than ${maxBytes} bytes`))
        return
      }
      chunks.push(chunk)
    })
    gunzip.on('error', (cause: Error) => {
      fail(new FitledgerError('corrupt_file', 'the gzip stream is damaged or truncated', { cause }))
    })
    gunzip.on('end', () => {
      if (settled) return
      settled = true
      const out = Buffer.concat(chunks, total)
      resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength))
    })
    gunzip.end(bytes)
  })
}
