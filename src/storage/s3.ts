import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { FitledgerError } from '../errors.js'
import { assertValidKey, type ObjectStore, objectKeyFor, type StoredObject } from './object-store.js'
import { spoolToFile } from './spool.js'

export interface S3StoreOptions {
  readonly bucket: string
  /** Prepended as `prefix/key`; '' for the bucket root. */
  readonly prefix: string
  readonly region: string
  readonly endpoint?: string
  readonly forcePathStyle: boolean
  /** Left out in production: the SDK's default chain (env, profile, instance role) applies. */
  readonly credentials?: S3ClientConfig['credentials']
  /** Where putStream spools a body while hashing it; the OS temp folder by default. */
  readonly spoolDir?: string
  /** Connecting, and a socket quiet for this long mid-request, fail the attempt (default 30 s). */
  readonly timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 30_000

/**
 * Objects in an S3 bucket. Only a missing key is translated (not_found); network errors and
 * 5xx propagate as they are, because they are transient and the worker retries them.
 */
export class S3ObjectStore implements ObjectStore {
  readonly bucket: string
  readonly prefix: string
  private readonly client: S3Client
  private readonly spoolDir: string

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket
    this.prefix = options.prefix
    this.spoolDir = options.spoolDir ?? tmpdir()
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // s3rver and other S3 look-alikes reject the CRC checksums the SDK adds by default since 3.729.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // The SDK waits for ever by default: an endpoint that accepts and never answers would
      // hold a job for good. socketTimeout is inactivity, not a total, so a 100 MiB body that
      // keeps moving is fine; a silent socket fails as a TimeoutError, which the SDK retries.
      requestHandler: {
        connectionTimeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        socketTimeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      },
    })
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    // Content-addressed: skipping a re-upload of a duplicate file is worth one HEAD.
    if (await this.has(key)) return
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.fullKey(key),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
      }),
    )
  }

  /**
   * S3 needs an object's key before its bytes, and the key is the hash of them all. So the body
   * is spooled to a local temp file while it is hashed, then sent under its content key with
   * its length known. (Streaming to a temp key with @aws-sdk/lib-storage holds a part of at
   * least 5 MiB per queue slot in memory: 32 uploads at once would need 320 MB or more.)
   */
  async putStream(source: AsyncIterable<Uint8Array>): Promise<StoredObject> {
    const dir = await mkdtemp(join(this.spoolDir, 'fitledger-s3-'))
    const temp = join(dir, 'body')
    try {
      const { sha256, size_bytes } = await spoolToFile(source, temp, { sync: false })
      const key = objectKeyFor(sha256)
      if (!(await this.has(key))) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: this.fullKey(key),
            Body: createReadStream(temp),
            ContentLength: size_bytes,
            ContentType: 'application/octet-stream',
          }),
        )
      }
      return { key, sha256, size_bytes }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }))
      if (out.Body === undefined) throw new Error(`S3 returned no body for ${key}`)
      return await out.Body.transformToByteArray()
    } catch (err) {
      if (isMissingKey(err)) throw new FitledgerError('not_found', `no stored object ${key}`, { cause: err })
      throw err
    }
  }

  async getToFile(key: string, path: string): Promise<void> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }))
      if (out.Body === undefined) throw new Error(`S3 returned no body for ${key}`)
      await pipeline(out.Body as Readable, createWriteStream(path, { flags: 'wx' }))
    } catch (err) {
      if (isMissingKey(err)) throw new FitledgerError('not_found', `no stored object ${key}`, { cause: err })
      throw err
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }))
      return true
    } catch (err) {
      if (isMissingKey(err)) return false
      throw err
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a missing key too.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.fullKey(key) }))
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }))
    } catch (err) {
      throw new FitledgerError('unavailable', `S3 bucket ${this.bucket} is not reachable`, { cause: err })
    }
  }

  async close(): Promise<void> {
    this.client.destroy()
  }

  private fullKey(key: string): string {
    assertValidKey(key)
    return this.prefix === '' ? key : `${this.prefix}/${key}`
  }
}

/** GetObject says NoSuchKey; HeadObject has no body, so only its 404 says so. */
function isMissingKey(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false
  if (err.name === 'NoSuchKey') return true
  return err.name === 'NotFound' && err.$metadata.httpStatusCode === 404
}
