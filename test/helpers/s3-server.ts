import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The slice of s3rver 3.x we use; it ships no types. */
interface S3rverInstance {
  run(): Promise<AddressInfo>
  close(): Promise<void>
}
type S3rverConstructor = new (options: {
  address: string
  port: number
  directory: string
  silent: boolean
  configureBuckets: { name: string }[]
}) => S3rverInstance

export interface TestS3Server {
  readonly endpoint: string
  readonly bucket: string
  readonly region: string
  /** s3rver checks signatures against this fixed pair. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  close(): Promise<void>
}

/** An s3rver on loopback, on a free port, storing into a fresh temp directory, with one bucket. */
export async function startS3Server(bucket = 'fitledger-test'): Promise<TestS3Server> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor
  const directory = await mkdtemp(join(tmpdir(), 'fitledger-s3rver-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  })
  let address: AddressInfo
  try {
    address = await server.run()
  } catch (err) {
    await rm(directory, { recursive: true, force: true })
    throw err
  }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async close() {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
