import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, type Config } from '../config.js'
import { LocalObjectStore } from './local.js'
import { assertValidKey, type ObjectStore } from './object-store.js'
import { S3ObjectStore } from './s3.js'

export type StorageConfig = Pick<Config, 'STORAGE_URL' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_FORCE_PATH_STYLE'> &
  Partial<Pick<Config, 'STORAGE_TIMEOUT_S'>>

/** AWS's bucket naming rules, less the rarer prohibitions (IP-address look-alikes, `xn--`). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

/**
 * CONTRACT.md's STORAGE_URL: `file://./rel/dir` (against `cwd`), `file:///abs/dir`, or
 * `s3://bucket/prefix`. A malformed URL throws a ConfigError, so start-up stops with one line.
 */
export function createObjectStore(config: StorageConfig, cwd: string = process.cwd()): ObjectStore {
  const url = config.STORAGE_URL
  if (url.startsWith('file://')) return new LocalObjectStore(localRoot(url, cwd))
  if (url.startsWith('s3://')) {
    const { bucket, prefix } = s3Location(url)
    return new S3ObjectStore({
      bucket,
      prefix,
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      ...(config.STORAGE_TIMEOUT_S ? { timeoutMs: config.STORAGE_TIMEOUT_S * 1000 } : {}),
    })
  }
  throw new ConfigError(`STORAGE_URL: must start with file:// or s3://, got ${JSON.stringify(url)}`)
}

/**
 * The directory a relative `file://` STORAGE_URL resolves to, else null. Processes started in
 * different directories would each read and write their own folder, so start-up says where.
 */
export function relativeStorageRoot(config: Pick<StorageConfig, 'STORAGE_URL'>, cwd: string = process.cwd()): string | null {
  const url = config.STORAGE_URL
  if (!url.startsWith('file://') || url.startsWith('file:///')) return null
  const root = localRoot(url, cwd)
  return isAbsolute(decodeURIComponent(url.slice('file://'.length))) ? null : root
}

function localRoot(url: string, cwd: string): string {
  const rest = url.slice('file://'.length)
  if (rest === '') throw new ConfigError('STORAGE_URL: file:// needs a directory, e.g. file://./data/objects')
  try {
    // `file://./data` is no valid file URL (its host would be '.'), so relative forms are read as paths.
    if (rest.startsWith('/')) return fileURLToPath(url)
    const path = decodeURIComponent(rest)
    return isAbsolute(path) ? path : resolve(cwd, path)
  } catch (err) {
    throw new ConfigError(`STORAGE_URL: not a usable directory URL: ${JSON.stringify(url)}`, { cause: err })
  }
}

function s3Location(raw: string): { bucket: string; prefix: string } {
  let url: URL
  try {
    url = new URL(raw)
  } catch (err) {
    throw new ConfigError(`STORAGE_URL: not a URL: ${JSON.stringify(raw)}`, { cause: err })
  }
  const bucket = url.hostname
  if (!BUCKET_NAME.test(bucket) || url.port !== '' || url.username !== '' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(`STORAGE_URL: expected s3://bucket/prefix with a valid bucket name, got ${JSON.stringify(raw)}`)
  }
  const path = url.pathname.replace(/^\/+|\/+$/g, '')
  try {
    const prefix = decodeURIComponent(path)
    return { bucket, prefix: prefix === '' ? '' : assertValidKey(prefix) }
  } catch (err) {
    throw new ConfigError(`STORAGE_URL: invalid key prefix ${JSON.stringify(path)}`, { cause: err })
  }
}
