import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../src/db/users.js'
import { runCliProcess, startCli } from '../helpers/cli.js'
import { activityFiles } from '../helpers/exports.js'
import { commandEnv, type Stack, startStack, waitFor } from '../helpers/stack.js'

// Issue 12, item 3: `fitledger sync` on a folder that is not there said it was watching and
// waited for ever; a folder that went away (a watch unplugged) went unnoticed, and once it was
// back nothing written to it was ever sent, because chokidar does not watch a removed root again.
const NOBODY = 65534
let stack: Stack
let dir: string
let env: Record<string, string>

beforeAll(async () => {
  stack = await startStack({ worker: false })
  dir = await mkdtemp(join(tmpdir(), 'fitledger-sync-'))
  await chmod(dir, 0o755) // the unprivileged user must reach the folders below
  env = commandEnv(stack, join(dir, 'state'))
  await createUser(stack.testDb.db, 'syncer@example.test', null)
})
afterAll(async () => {
  await stack?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('a folder sync cannot watch is an error at start', () => {
  const oneLine = (stderr: string) => {
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    return lines[0]
  }

  it('a folder that does not exist: one line, and the process exits', async () => {
    const res = await runCliProcess(['sync', join(dir, 'no', 'such', 'dir'), '--user', 'syncer@example.test'], env, 20_000)
    expect(res.timedOut).toBe(false)
    expect(res.code).toBe(1)
    expect(res.stdout).not.toContain('watching')
    expect(oneLine(res.stderr)).toBe(
      `fitledger: cannot watch ${join(dir, 'no', 'such', 'dir')}: no such folder. Create it, or plug in and mount the device, then start sync again`,
    )
  })

  it('a file where a folder was expected', async () => {
    const file = join(dir, 'a-file.fit')
    await writeFile(file, 'x')
    const res = await runCliProcess(['sync', file, '--user', 'syncer@example.test'], env, 20_000)
    expect(res.code).toBe(1)
    expect(oneLine(res.stderr)).toBe(`fitledger: cannot watch ${file}: not a folder. Give sync the folder that holds the workout files`)
  })

  it('a folder it may not read (run as an unprivileged user)', async () => {
    const locked = join(dir, 'locked')
    await mkdir(locked, { mode: 0o700 })
    await chmod(locked, 0o700)
    const res = await runCliProcess(['sync', locked, '--user', 'syncer@example.test'], { ...env, HOME: dir }, 20_000, {
      uid: NOBODY,
      gid: NOBODY,
    })
    expect(res.timedOut).toBe(false)
    expect(res.code).toBe(1)
    expect(oneLine(res.stderr)).toBe(
      `fitledger: cannot watch ${locked}: permission denied. Let this user read the folder, or run sync as one who can`,
    )
  })
})

describe('a watched folder that goes away', () => {
  it('is reported once, waited for, and watched again when it is back', async () => {
    const user = await createUser(stack.testDb.db, 'unplug@example.test', null)
    const sent = async () =>
      (await stack.testDb.db.selectFrom('uploads').select('filename').where('user_id', '=', user.id).execute())
        .map((u) => u.filename)
        .sort()
    const watched = join(dir, 'GARMIN', 'Activity')
    await mkdir(watched, { recursive: true })
    const [a, b, c, d] = activityFiles(4, 61)
    await writeFile(join(watched, a!.name), a!.bytes)

    const sync = startCli(['sync', watched, '--user', 'unplug@example.test'], env)
    try {
      await waitFor(async () => (await sent()).length === 1)
      expect(await sent()).toEqual([a!.name])

      // Unplugged: the folder and its files vanish.
      await rm(join(dir, 'GARMIN'), { recursive: true })
      await waitFor(async () => sync.stderr().includes('is gone'))
      await new Promise((r) => setTimeout(r, 2500)) // several looks at the folder: said once, not at each
      expect(sync.stderr()).toBe(`fitledger: ${watched} is gone (unplugged?); waiting for it to come back\n`)

      // Plugged back in, with the file sent before and a new one.
      await mkdir(watched, { recursive: true })
      await writeFile(join(watched, a!.name), a!.bytes)
      await writeFile(join(watched, b!.name), b!.bytes)
      await waitFor(async () => (await sent()).length === 2)
      expect(await sent()).toEqual([a!.name, b!.name].sort())

      // Replaced in one go, quicker than a look: ext4 gives the new folder the old one's inode.
      await rm(watched, { recursive: true })
      await mkdir(watched)
      await writeFile(join(watched, c!.name), c!.bytes)
      await waitFor(async () => (await sent()).length === 3)

      // The same with the folder empty, whose removal chokidar does not notice at all.
      await rm(join(watched, c!.name))
      await rm(watched, { recursive: true })
      await mkdir(watched)
      await writeFile(join(watched, d!.name), d!.bytes)
      await waitFor(async () => (await sent()).length === 4)
    } finally {
      sync.stop()
    }
    expect(await sync.done).toBe(0)
    expect(await sent()).toEqual([a!.name, b!.name, c!.name, d!.name].sort())
    expect(sync.stdout()).toContain(`watching ${watched} again`)
    expect(sync.stdout().match(new RegExp(`sent ${watched}/${a!.name.replace(/\./g, '\\.')}`, 'g'))).toHaveLength(1) // a once, not again on its return
  })
})
