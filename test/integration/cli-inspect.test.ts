import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { activityFiles } from '../helpers/exports.js'
import { runCli } from '../helpers/cli.js'

// `fitledger inspect` reads files as import does (issue 10, item 3): one it cannot read fails
// alone, at once. Opening a FIFO used to wait for a writer for ever.
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fitledger-inspect-'))
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('fitledger inspect of odd files', () => {
  it('reports a FIFO, a dangling link and an empty file each with its error, and goes on', async () => {
    const [good] = activityFiles(1, 61)
    execFileSync('mkfifo', [join(dir, 'pipe.fit')])
    await symlink(join(dir, 'nowhere.fit'), join(dir, 'dangling.fit'))
    await writeFile(join(dir, 'empty.fit'), '')
    await writeFile(join(dir, good!.name), good!.bytes)
    const names = ['pipe.fit', 'dangling.fit', 'empty.fit', good!.name]
    const run = await runCli(['inspect', '--json', ...names.map((n) => join(dir, n))], {})
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; error: { code: string; message: string } | null })
    expect(lines.map((l) => [l.file.slice(dir.length + 1), l.error?.code ?? null, l.error?.message ?? null])).toEqual([
      ['pipe.fit', 'bad_request', 'cannot read the file: not a regular file (a folder, FIFO, socket or device); not read'],
      ['dangling.fit', 'bad_request', 'cannot read the file: a symbolic link to nothing'],
      ['empty.fit', 'unsupported_format', 'the file is empty'],
      [good!.name, null, null],
    ])
    expect(run.code).toBe(1)
  })
})
