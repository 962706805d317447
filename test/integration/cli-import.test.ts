import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/db/users.js'
import { runCli } from '../helpers/cli.js'
import { activityFiles, stravaExport } from '../helpers/exports.js'
import { REDIS_URL, type Stack, startStack } from '../helpers/stack.js'

// `fitledger import` and `fitledger sync` in-process against the running stack (issue 6).
let stack: Stack
let dir: string
let env: Record<string, string>

beforeAll(async () => {
  stack = await startStack()
  dir = await mkdtemp(join(tmpdir(), 'fitledger-import-'))
  env = {
    DATABASE_URL: stack.testDb.url,
    REDIS_URL,
    STORAGE_URL: `file://${stack.objectsDir}`,
    QUEUE_PREFIX: stack.prefix,
    LOG_LEVEL: 'silent',
    FITLEDGER_STATE_DIR: join(dir, 'state'),
  }
})
afterAll(async () => {
  await stack?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function uploadsOf(userId: string) {
  return stack.testDb.db.selectFrom('uploads').select(['filename', 'status']).where('user_id', '=', userId).execute()
}

describe('fitledger import', () => {
  let userId: string
  let folder: string
  let zipPath: string

  beforeAll(async () => {
    userId = (await createUser(stack.testDb.db, 'importer@example.test', null)).id
    const files = activityFiles(7, 5)
    folder = join(dir, 'watch', 'nested')
    await mkdir(folder, { recursive: true })
    for (const f of files.slice(0, 3)) await writeFile(join(folder, f.name), f.bytes)
    await writeFile(join(folder, 'notes.txt'), 'not an activity')
    zipPath = join(dir, 'export.zip')
    await writeFile(zipPath, (await stravaExport(files.slice(3))).zip)
  })

  it('--dry-run reports what would be added and stores nothing', async () => {
    const run = await runCli(['import', join(dir, 'watch'), zipPath, '--user', 'importer@example.test', '--dry-run'], env)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('dry run, nothing stored: skipped: not an activity 2, would add 7')
    expect(await uploadsOf(userId)).toHaveLength(0)
  })

  it('imports a folder and a Strava export with --wait and prints the final counts', async () => {
    const run = await runCli(['import', join(dir, 'watch'), zipPath, '--user', 'importer@example.test', '--wait'], env)
    expect(run.stdout).toContain('import: accepted 7, skipped: not an activity 2')
    expect(run.stdout).toContain('processed: done 7')
    expect(run.code).toBe(0)
    const names = (await stack.testDb.db.selectFrom('activities').select('name').where('user_id', '=', userId).execute()).map((r) => r.name)
    expect(names).toContain('Morning "session" 0, easy')
  })

  it('adds nothing when run again', async () => {
    const run = await runCli(['import', join(dir, 'watch'), zipPath, '--user', 'importer@example.test', '--wait'], env)
    expect(run.stdout).toContain('import: skipped: already stored 7, skipped: not an activity 2')
    expect(run.code).toBe(0)
    expect(await uploadsOf(userId)).toHaveLength(7)
  })

  it('names an unknown user in one line', async () => {
    const run = await runCli(['import', folder, '--user', 'nobody@example.test'], env)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no user with the email nobody@example.test')
  })
})

describe('fitledger sync', () => {
  it('sends files written after it started, and nothing twice across a restart', async () => {
    const userId = (await createUser(stack.testDb.db, 'syncer@example.test', null)).id
    const watched = join(dir, 'GARMIN', 'Activity')
    await mkdir(watched, { recursive: true })
    const [a, b, c] = activityFiles(3, 9).map((f, i) => ({ ...f, name: `sync-${i}.${f.name.split('.').slice(1).join('.')}` }))

    const runSync = () => {
      let stop: (s: string) => void = () => {}
      const done = runCli(['sync', watched, '--user', 'syncer@example.test'], env, new Promise((r) => (stop = r)))
      return { stop: () => stop('SIGTERM'), done }
    }
    const until = async (what: () => Promise<boolean>) => {
      for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 50))
    }
    const first = runSync()
    await writeFile(join(watched, a!.name), a!.bytes)
    await writeFile(join(watched, b!.name), b!.bytes)
    await until(async () => (await uploadsOf(userId)).length >= 2)
    first.stop()
    expect((await first.done).code).toBe(0)
    expect((await uploadsOf(userId)).map((u) => u.filename).sort()).toEqual([a!.name, b!.name].sort())

    const second = runSync()
    await writeFile(join(watched, c!.name), c!.bytes)
    await until(async () => (await uploadsOf(userId)).length >= 3)
    await new Promise((r) => setTimeout(r, 1000)) // time enough to (wrongly) send a or b again
    second.stop()
    const out = await second.done
    expect(out.code).toBe(0)
    expect(out.stdout).not.toContain(a!.name)
    expect((await uploadsOf(userId)).map((u) => u.filename).sort()).toEqual([a!.name, b!.name, c!.name].sort())
  })
})
