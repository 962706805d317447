import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { FitledgerError } from '../../src/errors.js'
import { contentHash } from '../../src/storage/content-hash.js'
import { withFaults } from '../../src/storage/faulty.js'
import { createObjectStore } from '../../src/storage/from-url.js'
import { LocalObjectStore } from '../../src/storage/local.js'
import { objectKeyFor, type ObjectStore } from '../../src/storage/object-store.js'
import { S3ObjectStore } from '../../src/storage/s3.js'
import { startS3Server, type TestS3Server } from '../helpers/s3-server.js'

/** Deterministic bytes (xorshift32), so a failure reproduces. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}

const keyOf = (bytes: Uint8Array): string => objectKeyFor(contentHash(bytes))
const ALL_BYTE_VALUES = Uint8Array.from({ length: 256 }, (_, i) => i)

/** Every file under `dir`, as '/'-separated paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort()
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(FitledgerError)
  expect((err as FitledgerError).code).toBe(code)
}

interface Subject {
  readonly store: ObjectStore
  /** Temp files the adapter keeps while it writes: none may outlive a call. */
  leftovers(): Promise<string[]>
  close(): Promise<void>
}

/** The bytes in chunks of `size`, then (optionally) a failure, as a client that goes away. */
async function* chunksOf(bytes: Uint8Array, size: number, failAfter?: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('the client went away')
    yield bytes.subarray(at, at + size)
  }
}

const adapters = [
  {
    name: 'local',
    async open(): Promise<Subject> {
      const dir = await mkdtemp(join(tmpdir(), 'fitledger-store-'))
      const store = new LocalObjectStore(join(dir, 'not', 'yet', 'there'))
      const leftovers = async () => (await listFiles(dir)).filter((path) => path.split('/').some((segment) => segment.startsWith('.')))
      return { store, leftovers, close: () => rm(dir, { recursive: true, force: true }) }
    },
  },
  {
    name: 's3',
    async open(): Promise<Subject> {
      const server = await startS3Server()
      const spoolDir = await mkdtemp(join(tmpdir(), 'fitledger-spool-'))
      const store = new S3ObjectStore({ ...server, prefix: 'objects', forcePathStyle: true, spoolDir })
      return {
        store,
        leftovers: () => listFiles(spoolDir),
        async close() {
          await store.close()
          await server.close()
          await rm(spoolDir, { recursive: true, force: true })
        },
      }
    },
  },
]

describe.each(adapters)('ObjectStore: $name', ({ open }) => {
  let subject: Subject
  let store: ObjectStore
  beforeAll(async () => {
    subject = await open()
    store = subject.store
  })
  afterAll(async () => subject?.close())

  it('round-trips all 256 byte values', async () => {
    const key = keyOf(ALL_BYTE_VALUES)
    await store.put(key, ALL_BYTE_VALUES)
    const got = await store.get(key)
    expect(got).toBeInstanceOf(Uint8Array)
    expect(got.byteLength).toBe(256)
    expect(Array.from(got)).toEqual(Array.from(ALL_BYTE_VALUES))
  })

  it('round-trips a 5 MB buffer', async () => {
    const bytes = pseudoRandomBytes(5 * 1024 * 1024, 0x5eed)
    const key = keyOf(bytes)
    await store.put(key, bytes)
    const got = await store.get(key)
    expect(got.byteLength).toBe(bytes.byteLength)
    expect(contentHash(got)).toBe(contentHash(bytes))
    expect(Buffer.compare(got, bytes)).toBe(0)
  })

  it('has() is false before put and true after', async () => {
    const bytes = pseudoRandomBytes(1000, 1)
    const key = keyOf(bytes)
    expect(await store.has(key)).toBe(false)
    await store.put(key, bytes)
    expect(await store.has(key)).toBe(true)
  })

  it('putting a key twice, or concurrently, is fine', async () => {
    const bytes = pseudoRandomBytes(4096, 2)
    const key = keyOf(bytes)
    await store.put(key, bytes)
    await store.put(key, bytes)
    await Promise.all([store.put(key, bytes), store.put(key, bytes), store.put(key, bytes)])
    expect(contentHash(await store.get(key))).toBe(contentHash(bytes))
  })

  it('stores an empty object', async () => {
    const empty = new Uint8Array(0)
    const key = keyOf(empty)
    await store.put(key, empty)
    expect(await store.has(key)).toBe(true)
    expect((await store.get(key)).byteLength).toBe(0)
  })

  it('get of a missing key throws not_found', async () => {
    await expectCode(store.get(keyOf(pseudoRandomBytes(10, 3))), 'not_found')
  })

  it('delete removes the object, and deleting a missing key is fine', async () => {
    const bytes = pseudoRandomBytes(2048, 4)
    const key = keyOf(bytes)
    await store.put(key, bytes)
    await store.delete(key)
    expect(await store.has(key)).toBe(false)
    await expectCode(store.get(key), 'not_found')
    await store.delete(key)
    await store.put(key, bytes) // and the key can be written again
    expect(await store.has(key)).toBe(true)
  })

  it('putStream stores a stream under its content key and says its hash and size', async () => {
    const bytes = pseudoRandomBytes(3 * 1024 * 1024 + 17, 0x57)
    const stored = await store.putStream(chunksOf(bytes, 64 * 1024))
    expect(stored).toEqual({ key: keyOf(bytes), sha256: contentHash(bytes), size_bytes: bytes.byteLength })
    expect(Buffer.compare(await store.get(stored.key), bytes)).toBe(0)
    // The same content again (a duplicate upload) is the same object.
    expect(await store.putStream(chunksOf(bytes, 1000))).toEqual(stored)
    expect(await subject.leftovers()).toEqual([])
  })

  it('putStream of a source that fails half way leaves nothing behind', async () => {
    const bytes = pseudoRandomBytes(1024 * 1024, 0x58)
    await expect(store.putStream(chunksOf(bytes, 64 * 1024, 512 * 1024))).rejects.toThrow('the client went away')
    expect(await store.has(keyOf(bytes))).toBe(false)
    expect(await store.has(keyOf(bytes.subarray(0, 512 * 1024)))).toBe(false)
    expect(await subject.leftovers()).toEqual([])
  })

  it('check() passes', async () => {
    await expect(store.check()).resolves.toBeUndefined()
  })

  it.each(['../escape', 'sha256/../../escape', '/etc/passwd', 'a//b', '', '.hidden', 'a/./b', 'a\\..\\b'])(
    'rejects the key %j in every method',
    async (key) => {
      const bytes = Uint8Array.of(1, 2, 3)
      await expectCode(store.put(key, bytes), 'internal')
      await expectCode(store.get(key), 'internal')
      await expectCode(store.has(key), 'internal')
      await expectCode(store.delete(key), 'internal')
    },
  )
})

describe('LocalObjectStore', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fitledger-local-'))
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('creates its root on first use and leaves only objects behind: no temp files', async () => {
    const root = join(dir, 'a', 'b')
    const store = new LocalObjectStore(root)
    const blobs = [ALL_BYTE_VALUES, pseudoRandomBytes(300_000, 5), pseudoRandomBytes(7, 6)]
    await store.check()
    for (const bytes of blobs) await store.put(keyOf(bytes), bytes)
    await Promise.all(blobs.map((bytes) => store.put(keyOf(bytes), bytes)))
    await store.check()
    expect(await listFiles(root)).toEqual(blobs.map(keyOf).sort())
    expect(await listFiles(dir)).toEqual(blobs.map((b) => `a/b/${keyOf(b)}`).sort())
  })

  it('writes nothing outside its root for a key with ..', async () => {
    const store = new LocalObjectStore(join(dir, 'inner'))
    await expectCode(store.put('../outside', Uint8Array.of(1)), 'internal')
    await expect(stat(join(dir, 'outside'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('check() fails with unavailable when the root cannot be a directory', async () => {
    const file = join(dir, 'a-file')
    const store = new LocalObjectStore(file)
    await new LocalObjectStore(dir).put('a-file', Uint8Array.of(1)) // now `file` is a regular file
    await expectCode(store.check(), 'unavailable')
  })
})

describe('objectKeyFor and contentHash', () => {
  it('hashes with sha256 (FIPS 180-2 test vectors)', () => {
    expect(contentHash(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(contentHash(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('fans out by the first two bytes of the digest', () => {
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    expect(objectKeyFor(hex)).toBe(`sha256/ba/78/${hex}`)
  })

  it.each([
    '',
    'abc',
    'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD',
    `${'0'.repeat(63)}g`,
    `../${'0'.repeat(61)}`,
    `${'0'.repeat(64)}0`,
  ])('rejects %j as a digest', (hex) => {
    expect(() => objectKeyFor(hex)).toThrow(FitledgerError)
  })
})

describe('createObjectStore', () => {
  let dir: string
  let s3: TestS3Server
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fitledger-url-'))
    s3 = await startS3Server('from-url')
  })
  afterAll(async () => {
    await s3?.close()
    await rm(dir, { recursive: true, force: true })
  })
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('reads file://./data/objects against the working directory', async () => {
    const store = createObjectStore(loadConfig({ STORAGE_URL: 'file://./data/objects' }), dir)
    expect(store).toBeInstanceOf(LocalObjectStore)
    expect((store as LocalObjectStore).root).toBe(join(dir, 'data', 'objects'))
    await store.put(keyOf(ALL_BYTE_VALUES), ALL_BYTE_VALUES)
    expect(await listFiles(dir)).toEqual([`data/objects/${keyOf(ALL_BYTE_VALUES)}`])
  })

  it('defaults the working directory to process.cwd(), without touching the disk', () => {
    const store = createObjectStore(loadConfig({}))
    expect((store as LocalObjectStore).root).toBe(resolve(process.cwd(), 'data', 'objects'))
  })

  it('reads file:///absolute/path, percent-decoded', async () => {
    const store = createObjectStore(loadConfig({ STORAGE_URL: `file://${dir}/abs%20dir` }))
    expect((store as LocalObjectStore).root).toBe(join(dir, 'abs dir'))
    await store.put(keyOf(ALL_BYTE_VALUES), ALL_BYTE_VALUES)
    expect(await stat(join(dir, 'abs dir', keyOf(ALL_BYTE_VALUES)))).toBeDefined()
  })

  it('reads s3://bucket/prefix with the S3_* settings and the default credential chain', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', s3.credentials.accessKeyId)
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', s3.credentials.secretAccessKey)
    const config = (url: string) =>
      loadConfig({ STORAGE_URL: url, S3_ENDPOINT: s3.endpoint, S3_REGION: s3.region, S3_FORCE_PATH_STYLE: 'true' })
    const tenant = createObjectStore(config(`s3://${s3.bucket}/tenant/a/`))
    const other = createObjectStore(config(`s3://${s3.bucket}/tenant/b`))
    const whole = createObjectStore(config(`s3://${s3.bucket}`))
    try {
      expect(tenant).toBeInstanceOf(S3ObjectStore)
      expect((tenant as S3ObjectStore).bucket).toBe(s3.bucket)
      expect((tenant as S3ObjectStore).prefix).toBe('tenant/a')
      const key = keyOf(ALL_BYTE_VALUES)
      await tenant.check()
      await tenant.put(key, ALL_BYTE_VALUES)
      expect(await other.has(key)).toBe(false)
      expect(await whole.has(`tenant/a/${key}`)).toBe(true)
      expect(Array.from(await whole.get(`tenant/a/${key}`))).toEqual(Array.from(ALL_BYTE_VALUES))
    } finally {
      await Promise.all([tenant.close?.(), other.close?.(), whole.close?.()])
    }
  })

  it('check() on a missing bucket fails with unavailable', async () => {
    const store = new S3ObjectStore({ ...s3, bucket: 'no-such-bucket', prefix: '', forcePathStyle: true })
    try {
      await expectCode(store.check(), 'unavailable')
    } finally {
      await store.close()
    }
  })

  it.each(['file://', 's3://', 's3://Not_A_Bucket/x', 's3://bucket:9000/x', 's3://bucket/a//b', 's3://bucket/.hidden'])(
    'rejects STORAGE_URL %j with a ConfigError',
    (url) => {
      expect(() => createObjectStore({ STORAGE_URL: url, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false })).toThrow(ConfigError)
    },
  )
})

describe('withFaults', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fitledger-faults-'))
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('throws a transient error while switched on, and passes through otherwise', async () => {
    const faults = { failing: true }
    const store = withFaults(new LocalObjectStore(dir), faults)
    const key = keyOf(ALL_BYTE_VALUES)
    for (const call of [
      () => store.put(key, ALL_BYTE_VALUES),
      () => store.putStream(chunksOf(ALL_BYTE_VALUES, 16)),
      () => store.get(key),
      () => store.has(key),
      () => store.delete(key),
      () => store.check(),
    ]) {
      const err: unknown = await call().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(FitledgerError)
      expect((err as FitledgerError).code).toBe('unavailable')
      expect((err as FitledgerError).permanent).toBe(false)
    }
    expect(await listFiles(dir)).toEqual([])
    faults.failing = false
    await store.put(key, ALL_BYTE_VALUES)
    expect(await store.has(key)).toBe(true)
    await store.close?.()
  })
})
