import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { adminQuery, dbUrl, testDbName } from '../../helpers/pg-admin.js'
import { REDIS_URL } from '../../helpers/services-env.js'
import { runFitledger } from './processes.js'

export interface BenchStack {
  readonly env: Record<string, string> & { readonly DATABASE_URL: string }
  readonly baseUrl: string
  readonly token: string
  readonly prefix: string
  /** Drops the database, the objects and the queue's Redis keys. */
  cleanup(): Promise<void>
}

/**
 * What every service benchmark needs: a fresh build in dist/, a migrated database of its own,
 * a temporary object store, a queue prefix of its own and a user with a token. The caller
 * starts the API and workers with `spawnFitledger([...], stack.env)`.
 */
export async function prepareBenchStack(extraEnv: Record<string, string> = {}): Promise<BenchStack> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  const name = testDbName('t')
  const objects = mkdtempSync(join(tmpdir(), 'fitledger-bench-'))
  const prefix = `flbench-${Date.now()}`
  const port = 20000 + Math.floor(Math.random() * 20000)
  const env = {
    DATABASE_URL: dbUrl(name),
    STORAGE_URL: `file://${objects}`,
    PORT: String(port),
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '2',
    ...extraEnv,
  }
  await runFitledger(['migrate'], env)
  const { token } = JSON.parse(await runFitledger(['user', 'create', '--email', 'bench@example.test', '--json'], env)) as { token: string }
  return {
    env,
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    prefix,
    async cleanup() {
      const redis = new Redis(REDIS_URL)
      const keys = await redis.keys(`${prefix}:*`)
      if (keys.length > 0) await redis.del(...keys)
      redis.disconnect()
      await adminQuery(`drop database if exists ${name} with (force)`)
      rmSync(objects, { recursive: true, force: true })
    },
  }
}
