import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { FitledgerError } from '../errors.js'
import { assertValidKey, type ObjectStore, objectKeyFor, type StoredObject } from './object-store.js'
import { spoolToFile } from './spool.js'

/**
 * Objects as files under `root` (created on first use). A write goes to a temp file in the root,
 * is fsynced, renamed into place and the directory fsynced, so after a crash a key holds either
 * nothing or every byte. Temp names start with '.', which no key segment may.
 */
export class LocalObjectStore implements ObjectStore {
  readonly root: string

  constructor(root: string) {
    this.root = resolve(root)
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathFor(key)
    if (await isFile(path)) return // content-addressed: the bytes are already there
    await this.fromTemp(async (temp) => {
      const file = await open(temp, 'wx')
      try {
        await file.writeFile(bytes)
        await file.sync()
      } finally {
        await file.close()
      }
      return { key }
    })
  }

  async putStream(source: AsyncIterable<Uint8Array>): Promise<StoredObject> {
    return this.fromTemp(async (temp) => {
      const { sha256, size_bytes } = await spoolToFile(source, temp, { sync: true })
      return { key: objectKeyFor(sha256), sha256, size_bytes }
    })
  }

  /**
   * `write` fills a temp file in the root (the same file system as every key, so the rename is
   * atomic) and names the key it belongs under; the file is then renamed into place, or dropped
   * when the key exists already (same key, same bytes). No temp file outlives the call.
   */
  private async fromTemp<T extends { key: string }>(write: (temp: string) => Promise<T>): Promise<T> {
    await mkdir(this.root, { recursive: true })
    const temp = join(this.root, `.${randomUUID()}.tmp`)
    try {
      const written = await write(temp)
      const path = this.pathFor(written.key)
      if (await isFile(path)) return written
      const dir = dirname(path)
      const firstCreated = await mkdir(dir, { recursive: true })
      await rename(temp, path)
      // The rename lives in `dir`; directories mkdir just made live in their parents.
      await syncDir(dir)
      if (firstCreated !== undefined) {
        for (let d = dir; d !== dirname(firstCreated); d = dirname(d)) await syncDir(dirname(d))
      }
      return written
    } finally {
      await unlink(temp).catch(() => undefined) // gone already after the rename
    }
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      const buf = await readFile(this.pathFor(key))
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
    } catch (err) {
      if (isMissing(err)) throw new FitledgerError('not_found', `no stored object ${key}`, { cause: err })
      throw err
    }
  }

  async getToFile(key: string, path: string): Promise<void> {
    try {
      await copyFile(this.pathFor(key), path, constants.COPYFILE_EXCL)
    } catch (err) {
      if (isMissing(err)) throw new FitledgerError('not_found', `no stored object ${key}`, { cause: err })
      throw err
    }
  }

  async has(key: string): Promise<boolean> {
    return isFile(this.pathFor(key))
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathFor(key)).catch((err: unknown) => {
      if (!isMissing(err)) throw err
    })
  }

  async check(): Promise<void> {
    const probe = join(this.root, `.check-${randomUUID()}.tmp`)
    try {
      await mkdir(this.root, { recursive: true })
      const file = await open(probe, 'wx')
      await file.close()
      await unlink(probe)
    } catch (err) {
      await unlink(probe).catch(() => undefined)
      throw new FitledgerError('unavailable', `storage directory ${this.root} is not writable`, { cause: err })
    }
  }

  private pathFor(key: string): string {
    const path = resolve(this.root, ...assertValidKey(key).split('/'))
    const rel = relative(this.root, path)
    // assertValidKey already forbids '..'; this guards the invariant the whole store rests on.
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) {
      throw new FitledgerError('internal', `object key escapes the store: ${JSON.stringify(key)}`)
    }
    return path
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch (err) {
    if (isMissing(err)) return false
    throw err
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** ENOTDIR: a path component is a file, so the object cannot exist either. */
function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
