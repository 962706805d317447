import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateRecodings } from '../../fixtures/workload.js'
import type { ImportReport } from '../../src/cli/import.js'
import { runCli } from '../helpers/cli.js'
import { framesOf } from '../helpers/terminal.js'
import { activityFiles, stravaExport } from '../helpers/exports.js'
import { commandEnv, type Stack, startStack } from '../helpers/stack.js'

// Issue 12, item 4: `import --dry-run` printed only totals, and "not an activity 1" did not say
// which file. With --verbose it says, for each file, what would happen and why; --json has an
// entry per file. A folder holds one file of each outcome.
let stack: Stack
let dir: string
let env: Record<string, string>
let folder: string
let storedActivity: string
const workload = activityFiles(3, 71)
const [stored, fresh, zipped] = workload as [(typeof workload)[0], (typeof workload)[0], (typeof workload)[0]] // FIT, TCX, GPX
const recoded = generateRecodings(1, 1, 71)[0]! // the stored session, in another format
// The fresh session in another format, under a name that comes after the fresh one's.
const sameInRun = { ...generateRecodings(2, 1, 71)[1]!, name: 'resaved-bench-00001.fit' }

/** What `inspect --json` finds in a file: the sport and the local date an import would give it. */
async function inspected(bytes: Uint8Array, name: string): Promise<{ sport: string; date: string }> {
  const path = join(dir, `inspect-${name}`)
  await writeFile(path, bytes)
  const out = await runCli(['inspect', path, '--json'], {})
  const summary = JSON.parse(out.stdout) as { sport: string; local_start_time: string | null; start_time: string }
  return { sport: summary.sport, date: (summary.local_start_time ?? summary.start_time).slice(0, 10) }
}

beforeAll(async () => {
  stack = await startStack()
  dir = await mkdtemp(join(tmpdir(), 'fitledger-plan-'))
  env = commandEnv(stack, join(dir, 'state'))
  await mkdir(join(dir, 'first'))
  await writeFile(join(dir, 'first', stored.name), stored.bytes)
  expect((await runCli(['user', 'create', '--email', 'planner@example.test'], env)).code).toBe(0)
  expect((await runCli(['import', join(dir, 'first'), '--user', 'planner@example.test', '--wait'], env)).stdout).toContain(
    'processed: done 1',
  )
  storedActivity = (await stack.testDb.db.selectFrom('activities').select('id').executeTakeFirstOrThrow()).id

  folder = join(dir, 'plan')
  await mkdir(folder)
  await writeFile(join(folder, stored.name), stored.bytes)
  await writeFile(join(folder, fresh.name), fresh.bytes)
  await writeFile(join(folder, recoded.name), recoded.bytes)
  await writeFile(join(folder, sameInRun.name), sameInRun.bytes)
  await writeFile(join(folder, 'empty.fit'), '')
  await writeFile(join(folder, 'garbage.fit'), 'this is not a FIT file at all')
  await writeFile(join(folder, 'export.zip'), (await stravaExport([zipped])).zip)
})
afterAll(async () => {
  await stack?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('import --dry-run', () => {
  it('--verbose names every file with what would happen and why, and keeps the totals', async () => {
    const run = await runCli(['import', folder, '--user', 'planner@example.test', '--dry-run', '--verbose'], env)
    expect(run.stderr).toBe('')
    const f = await inspected(fresh.bytes, fresh.name)
    const z = await inspected(zipped.bytes, zipped.name)
    const lines = run.stdout.trim().split('\n')
    expect(lines.slice(0, -1).sort()).toEqual(
      [
        `${join(folder, stored.name)}: skip: already stored`,
        `${join(folder, fresh.name)}: would add (${f.sport}, ${f.date})`,
        `${join(folder, recoded.name)}: would be a duplicate of activity ${storedActivity} (same_time)`,
        `${join(folder, sameInRun.name)}: would be a duplicate of what ${join(folder, fresh.name)} adds (same_time)`,
        `${join(folder, 'empty.fit')}: skip: the file is empty`,
        `${join(folder, 'garbage.fit')}: would fail: unsupported_format: the content is not FIT, GPX or TCX`,
        // The export's activities.csv calls it a Run: the user's sport wins over the file's, as in the worker.
        `${join(folder, 'export.zip')}!/activities/1000.gpx: would add (running, ${z.date})`,
        `${join(folder, 'export.zip')}!/media/photo.jpg: skip: not an activity (photo)`,
        `${join(folder, 'export.zip')}!/profile.csv: skip: not an activity (CSV)`,
      ].sort(),
    )
    expect(lines.at(-1)).toBe(
      'dry run, nothing stored: skipped: already stored 1, skipped: empty 1, skipped: not an activity 2, would add 2, would be a duplicate: same_time 2, would fail: unsupported_format 1',
    )
  })

  it('without --verbose names the files it would not take, besides the totals', async () => {
    const run = await runCli(['import', folder, '--user', 'planner@example.test', '--dry-run'], env)
    expect(
      run.stdout
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .sort(),
    ).toEqual(
      [
        `  ${join(folder, 'empty.fit')}: skipped, the file is empty`,
        `  ${join(folder, 'garbage.fit')}: would fail: unsupported_format: the content is not FIT, GPX or TCX`,
        `  ${join(folder, 'export.zip')}!/media/photo.jpg: skipped, not an activity (photo)`,
        `  ${join(folder, 'export.zip')}!/profile.csv: skipped, not an activity (CSV)`,
      ].sort(),
    )
  })

  it('--json has an entry per file with its outcome and reason', async () => {
    const run = await runCli(['import', folder, '--user', 'planner@example.test', '--dry-run', '--json'], env)
    const report = JSON.parse(run.stdout) as ImportReport
    const entries = report.files.map((e) => [e.file.slice(folder.length + 1), e.outcome, e.reason])
    expect(entries.sort()).toEqual(
      [
        [stored.name, 'skip', 'already_stored'],
        [fresh.name, 'add', null],
        [recoded.name, 'duplicate', 'same_time'],
        [sameInRun.name, 'duplicate', 'same_time'],
        ['empty.fit', 'skip', 'empty'],
        ['garbage.fit', 'fail', 'unsupported_format'],
        ['export.zip!/activities/1000.gpx', 'add', null],
        ['export.zip!/media/photo.jpg', 'skip', 'not_an_activity'],
        ['export.zip!/profile.csv', 'skip', 'not_an_activity'],
      ].sort(),
    )
    const duplicate = report.files.find((e) => e.file.endsWith(recoded.name))
    expect(duplicate).toMatchObject({
      activity_id: storedActivity,
      message: `would be a duplicate of activity ${storedActivity} (same_time)`,
    })
    const added = report.files.find((e) => e.file.endsWith(fresh.name))
    expect(added?.activities).toEqual([await inspected(fresh.bytes, fresh.name)])
    // The totals and the lists from before stay as they were.
    expect(report.counts['would add']).toBe(2)
    expect(report.skipped).toEqual([{ file: join(folder, 'empty.fit'), reason: 'empty', message: 'the file is empty' }])
  })
})

describe('progress on a terminal', () => {
  it('counts first, then a bar over every file found, never 0/0', async () => {
    const run = await runCli(['import', folder, '--user', 'planner@example.test', '--dry-run'], env, undefined, true)
    const frames = framesOf(run.stderr)
    expect(frames[0]).toBe('checking: counting files… 0 found')
    // Six files and the one activity in export.zip, counted before the bar is drawn at its end.
    expect(frames.at(-1)).toMatch(/^checking \|█{40}\| 7\/7 files/)
    expect(frames.filter((f) => f.includes('0/0') || /\| 0\/\d+ files.*ETA/.test(f))).toEqual([])
  })
})

describe('import --verbose', () => {
  it('names what happened to each file of a real import', async () => {
    const run = await runCli(['import', join(dir, 'first'), '--user', 'planner@example.test', '--verbose'], env)
    expect(run.stdout).toBe(`${join(dir, 'first', stored.name)}: skip: already stored\nimport: skipped: already stored 1\n`)
  })
})
