import { execFileSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/db/users.js'
import type { ImportReport } from '../../src/cli/import.js'
import { readSourceFile } from '../../src/cli/source-file.js'
import { runCli, runCliProcess } from '../helpers/cli.js'
import { activityFiles, stravaExport } from '../helpers/exports.js'
import { commandEnv, type Stack, startStack } from '../helpers/stack.js'
import { buildZip } from '../helpers/zip.js'

/** The unprivileged user: root reads a file whatever its mode, so only another user sees EACCES. */
const NOBODY = 65534

// `fitledger import` and `fitledger sync` in-process against the running stack (issue 6).
let stack: Stack
let dir: string
let env: Record<string, string>

beforeAll(async () => {
  stack = await startStack()
  dir = await mkdtemp(join(tmpdir(), 'fitledger-import-'))
  env = commandEnv(stack, join(dir, 'state'))
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

describe('fitledger import of odd files', () => {
  // Issue 10, item 3: the first 0-byte file stopped the whole import, and a re-run stopped at
  // the same place. Every file it cannot send is skipped with its reason; the run goes on.
  let folder: string
  const [a, b, c, d, e] = activityFiles(5, 31)

  beforeAll(async () => {
    await createUser(stack.testDb.db, 'odd@example.test', null)
    folder = join(dir, 'odd')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, '0-empty.fit'), '')
    await writeFile(join(folder, a!.name), a!.bytes)
    await writeFile(join(folder, b!.name), b!.bytes)
    execFileSync('mkfifo', [join(folder, 'pipe.fit')]) // opened for reading, this would wait for ever
    await symlink(join(dir, 'nowhere.fit'), join(folder, 'dangling.fit'))
    await symlink(join(folder, 'loop.gpx'), join(folder, 'loop.gpx'))
    await writeFile(join(dir, c!.name), c!.bytes)
    await symlink(join(dir, c!.name), join(folder, `linked-${c!.name}`)) // a link to a real file is followed
    // Issue 10, item 5: one path twice in a zip; both entries are read in place.
    await writeFile(
      join(folder, 'twice.zip'),
      await buildZip([
        { name: 'ride.fit', bytes: d!.bytes },
        { name: 'ride.fit', bytes: e!.bytes },
      ]),
    )
    await writeFile(
      join(folder, 'blanks.zip'),
      await buildZip([
        { name: 'blank.fit', bytes: new Uint8Array() },
        { name: 'blank.fit', bytes: new Uint8Array() },
      ]),
    )
  })

  it('goes on past each one, and names it with its reason', async () => {
    const run = await runCli(['import', folder, '--user', 'odd@example.test'], env)
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(
      'import: accepted 5, skipped: broken symlink 1, skipped: empty 3, skipped: not a file 1, skipped: unreadable 1',
    )
    expect(run.stdout).toContain(`${join(folder, 'blanks.zip')}!/blank.fit: skipped, the file is empty`)
    expect(run.stdout).toContain(`${join(folder, 'blanks.zip')}!/blank.fit (entry 2 of that name): skipped, the file is empty`)
    expect(run.stdout).toContain(`${join(folder, '0-empty.fit')}: skipped, the file is empty`)
    expect(run.stdout).toContain(`${join(folder, 'pipe.fit')}: skipped, not a regular file`)
    expect(run.stdout).toContain(`${join(folder, 'dangling.fit')}: skipped, a symbolic link to nothing`)
    expect(run.stdout).toContain(`${join(folder, 'loop.gpx')}: skipped, the file cannot be read: a loop of symbolic links`)
    expect(run.code).toBe(1) // an unreadable file may be data lost: said in the exit code, at the end
    const filenames = (
      await stack.testDb.db
        .selectFrom('uploads as u')
        .innerJoin('users', 'users.id', 'u.user_id')
        .select('u.filename')
        .where('users.email', '=', 'odd@example.test')
        .execute()
    ).map((r) => r.filename)
    expect(filenames.sort()).toEqual([a!.name, b!.name, `linked-${c!.name}`, 'ride.fit', 'ride.fit'].sort())
  })

  it('--json lists the same, and a re-run sends nothing again', async () => {
    const run = await runCli(['import', folder, '--user', 'odd@example.test', '--json'], env)
    const report = JSON.parse(run.stdout) as ImportReport
    expect(report.counts).toEqual({
      'skipped: already stored': 5,
      'skipped: broken symlink': 1,
      'skipped: empty': 3,
      'skipped: not a file': 1,
      'skipped: unreadable': 1,
    })
    expect(report.skipped.map((k) => [k.file.slice(folder.length + 1), k.reason]).sort()).toEqual([
      ['0-empty.fit', 'empty'],
      ['blanks.zip!/blank.fit (entry 2 of that name)', 'empty'],
      ['blanks.zip!/blank.fit', 'empty'],
      ['dangling.fit', 'broken_symlink'],
      ['loop.gpx', 'unreadable'],
      ['pipe.fit', 'not_a_file'],
    ])
    expect(report.failed).toEqual([])
  })

  it('says a file is gone when it vanished after the folder was listed', async () => {
    // The window between listing and reading is too short to hit from outside; the read alone shows it.
    expect(await readSourceFile(join(folder, 'gone.fit'))).toEqual({
      kind: 'skip',
      skip: { reason: 'missing', message: 'no such file (moved or deleted after it was listed?)' },
    })
  })

  it('skips a file it has no permission to read (run as an unprivileged user)', async () => {
    const locked = await mkdtemp(join(tmpdir(), 'fitledger-locked-'))
    try {
      await writeFile(join(locked, 'secret.fit'), a!.bytes, { mode: 0o000 })
      await createUser(stack.testDb.db, 'locked@example.test', null)
      const [fresh] = activityFiles(1, 41)
      await writeFile(join(locked, fresh!.name), fresh!.bytes, { mode: 0o644 })
      await chmod(locked, 0o755)
      const objects = join(locked, 'objects') // the dry run stores nothing, but the store must be usable
      await mkdir(objects, { mode: 0o777 })
      await chmod(objects, 0o777)
      const child = await runCliProcess(
        ['import', locked, '--user', 'locked@example.test', '--dry-run', '--json'],
        { ...env, STORAGE_URL: `file://${objects}`, HOME: locked },
        30_000,
        { uid: NOBODY, gid: NOBODY },
      )
      expect(child.stderr).toBe('')
      const report = JSON.parse(child.stdout) as ImportReport
      expect(report.skipped).toEqual([
        { file: join(locked, 'secret.fit'), reason: 'unreadable', message: 'the file cannot be read: permission denied' },
      ])
      expect(report.counts).toEqual({ 'would add': 1, 'skipped: unreadable': 1 })
      expect(child.code).toBe(1)
    } finally {
      await rm(locked, { recursive: true, force: true })
    }
  })
})

function startSync(watched: string, email: string) {
  let stop: (s: string) => void = () => {}
  const done = runCli(['sync', watched, '--user', email], env, new Promise((r) => (stop = r)))
  return { stop: () => stop('SIGTERM'), done }
}

async function until(what: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 50))
}

describe('fitledger sync', () => {
  it('sends files written after it started, and nothing twice across a restart', async () => {
    const userId = (await createUser(stack.testDb.db, 'syncer@example.test', null)).id
    const watched = join(dir, 'GARMIN', 'Activity')
    await mkdir(watched, { recursive: true })
    const [a, b, c] = activityFiles(3, 9).map((f, i) => ({ ...f, name: `sync-${i}.${f.name.split('.').slice(1).join('.')}` }))

    const runSync = () => startSync(watched, 'syncer@example.test')
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

  // Issue 10, item 3: sync retried the first file it could not send for ever, so nothing
  // written after it was sent. Now such a file is recorded as skipped, and tried again only
  // when it changes.
  it('passes over an empty file and a FIFO, and sends the empty file once it has content', async () => {
    const userId = (await createUser(stack.testDb.db, 'odd-syncer@example.test', null)).id
    const watched = join(dir, 'odd-sync')
    await mkdir(watched, { recursive: true })
    const [a, b, c] = activityFiles(3, 51)
    const empty = join(watched, '0-empty.fit')
    execFileSync('mkfifo', [join(watched, 'pipe.fit')])
    const filenames = async () => (await uploadsOf(userId)).map((u) => u.filename).sort()

    const first = startSync(watched, 'odd-syncer@example.test')
    await writeFile(empty, '')
    await new Promise((r) => setTimeout(r, 100))
    await writeFile(join(watched, a!.name), a!.bytes)
    await until(async () => (await uploadsOf(userId)).length >= 1)
    first.stop()
    const one = await first.done
    expect(await filenames()).toEqual([a!.name])
    expect(one.stdout).toContain(`skipped ${empty}: the file is empty`)
    expect(one.stdout).toContain(`skipped ${join(watched, 'pipe.fit')}: not a regular file`)

    const second = startSync(watched, 'odd-syncer@example.test')
    await writeFile(join(watched, b!.name), b!.bytes)
    await until(async () => (await uploadsOf(userId)).length >= 2)
    await new Promise((r) => setTimeout(r, 1000)) // time enough to (wrongly) try the empty file again
    await writeFile(empty, c!.bytes) // it changed: now it is sent
    await until(async () => (await uploadsOf(userId)).length >= 3)
    second.stop()
    const two = await second.done
    expect(two.code).toBe(0)
    expect(two.stdout).not.toContain('skipped')
    expect(await filenames()).toEqual([a!.name, b!.name, '0-empty.fit'].sort())
  })
})
