import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeFit, encodeGpx } from '../../fixtures/encode/index.js'
import { DEFAULT_ARCHIVE_CAPS } from '../../src/archive/caps.js'
import { expandArchive } from '../../workers/expand-archive.js'
import { generateSuite } from '../../fixtures/synth/suite.js'
import { toActivitySpec } from '../../fixtures/synth/to-encode-spec.js'
import { activityFiles, garminExport, stravaExport } from '../helpers/exports.js'
import { postFile, type Stack, startStack, waitForUpload } from '../helpers/stack.js'
import { buildZip, renameEntry } from '../helpers/zip.js'

// Archives through the API: expansion in the worker, caps, and layered duplicates (issue 6).
let stack: Stack
type User = Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  stack = await startStack({
    archiveCaps: { maxEntries: 200, maxTotalBytes: 64 * 1024 * 1024, maxEntryBytes: 16 * 1024 * 1024, maxRatio: 200, maxDepth: 1 },
  })
})
afterAll(async () => stack?.close())

async function post(user: User, filename: string, bytes: Uint8Array): Promise<string> {
  return postFile(stack, user.headers, filename, bytes)
}

async function activityCount(userId: string): Promise<number> {
  const row = await stack.testDb.db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function children(parentId: string) {
  return stack.testDb.db.selectFrom('uploads').selectAll().where('parent_id', '=', parentId).orderBy('entry_path').execute()
}

describe('a Strava export', () => {
  let user: User
  let parent: Record<string, unknown>
  const files = activityFiles(6)

  beforeAll(async () => {
    user = await stack.user()
    const { zip } = await stravaExport(files)
    parent = await waitForUpload(stack, user.headers, await post(user, 'export_123.zip', zip))
  })

  it('makes one child per activity and counts the rest as skipped', () => {
    expect(parent).toMatchObject({ kind: 'archive', status: 'done', error: null })
    expect(parent.counts).toEqual({ queued: 0, processing: 0, done: 6, failed: 0, duplicate: 0, skipped: 2 })
  })

  it('takes names and specific types from activities.csv', async () => {
    const rows = await children(String(parent.id))
    const first = rows.find((r) => r.entry_path === 'activities/1000.fit.gz')!
    const act = (await stack.app.inject({ url: `/v1/activities/${first.activity_ids[0]}`, headers: user.headers })).json()
    expect(act).toMatchObject({ name: 'Morning "session" 0, easy', sport: 'running', sport_source: 'user' })
    const generic = rows.find((r) => r.entry_path === 'activities/1001.tcx.gz')!
    expect(generic.sport_override).toBeNull() // "Workout" names no sport: inferred as usual
  })

  it('adds nothing when the same export is imported again', async () => {
    const { zip } = await stravaExport(files)
    const again = await waitForUpload(stack, user.headers, await post(user, 'export_123.zip', zip))
    expect(again.counts).toEqual({ queued: 0, processing: 0, done: 0, failed: 0, duplicate: 6, skipped: 2 })
    expect(await activityCount(user.id)).toBe(6)
  })
})

describe('a Garmin export with a nested zip', () => {
  it('expands the inner zip of FIT files', async () => {
    const user = await stack.user()
    const fits = activityFiles(9).filter((f) => f.name.endsWith('.fit'))
    const parent = await waitForUpload(stack, user.headers, await post(user, 'garmin.zip', await garminExport(fits)))
    expect(parent.counts).toEqual({ queued: 0, processing: 0, done: fits.length, failed: 0, duplicate: 0, skipped: 1 })
    expect(await activityCount(user.id)).toBe(fits.length)
    const rows = await children(String(parent.id))
    expect(rows[0]!.entry_path).toMatch(/^DI_CONNECT\/DI-Connect-Uploaded-Files\/UploadedFiles_0-_Part1\.zip!\/bench-\d+\.fit$/)
  })
})

describe('two entries with the same path', () => {
  // Issue 10, item 5: an export appended twice, or a tool that writes an entry again. Child ids
  // came from the path alone, so the second entry was dropped without a word.
  it('imports both, and expanding the archive again (a crash) makes no third', async () => {
    const user = await stack.user()
    const [a, b] = activityFiles(2, 21)
    const zip = await buildZip([
      { name: 'Activities/ride.fit', bytes: a!.bytes },
      { name: 'Activities/ride.fit', bytes: b!.bytes },
      { name: 'Activities/ride.fit', bytes: a!.bytes }, // the same bytes again: a duplicate, said so
    ])
    const parent = await waitForUpload(stack, user.headers, await post(user, 'twice.zip', zip))
    expect(parent.counts).toEqual({ queued: 0, processing: 0, done: 2, failed: 0, duplicate: 1, skipped: 0 })
    expect(await activityCount(user.id)).toBe(2)
    const first = await children(String(parent.id))
    expect(first.map((c) => c.entry_path)).toEqual(['Activities/ride.fit', 'Activities/ride.fit', 'Activities/ride.fit'])

    const row = await stack.testDb.db.selectFrom('uploads').selectAll().where('id', '=', String(parent.id)).executeTakeFirstOrThrow()
    await expandArchive({ db: stack.testDb.db, storage: stack.storage, queue: stack.queue, caps: DEFAULT_ARCHIVE_CAPS }, row)
    expect((await children(String(parent.id))).map((c) => c.id).sort()).toEqual(first.map((c) => c.id).sort())
  })
})

describe('the same ride as GPX and as FIT', () => {
  it('makes one activity; the FIT is a same_time duplicate and gives it heart rate', async () => {
    const user = await stack.user()
    const session = generateSuite(1, 11)[0]! // a steady run
    const spec = toActivitySpec({ ...session.spec, start_ms: Date.UTC(2024, 4, 5, 6, 0, 0) })
    const noHr = { ...spec, sessions: spec.sessions.map((s) => ({ ...s, samples: { ...s.samples, heart_rate_bpm: undefined } })) }
    const gpx = await waitForUpload(stack, user.headers, await post(user, 'ride.gpx', encodeGpx(noHr)))
    expect(gpx.status).toBe('done')
    const before = (await stack.app.inject({ url: `/v1/activities/${String(gpx.activity_id)}`, headers: user.headers })).json()
    expect(before.hr_avg).toBeNull()

    const fit = await waitForUpload(stack, user.headers, await post(user, 'ride.fit', encodeFit(spec)))
    expect(fit).toMatchObject({ status: 'duplicate', activity_id: gpx.activity_id, duplicate_rule: 'same_time' })
    expect(await activityCount(user.id)).toBe(1)
    const after = (await stack.app.inject({ url: `/v1/activities/${String(gpx.activity_id)}`, headers: user.headers })).json()
    expect(after.hr_avg).toBeGreaterThan(100)
    const streams = (
      await stack.app.inject({ url: `/v1/activities/${String(gpx.activity_id)}/streams?keys=heartrate`, headers: user.headers })
    ).json()
    expect(streams.heartrate.data.filter((v: number | null) => v !== null).length).toBeGreaterThan(100)
  })
})

describe('hostile and broken archives', () => {
  let user: User
  const good = activityFiles(3, 21)
  beforeAll(async () => {
    user = await stack.user()
  })

  it('rejects a zip bomb by its compression ratio, making no child', async () => {
    const zip = await buildZip([
      { name: 'bomb.fit', bytes: new Uint8Array(8 * 1024 * 1024) },
      ...good.map((f) => ({ name: f.name, bytes: f.bytes })),
    ])
    const parent = await waitForUpload(stack, user.headers, await post(user, 'bomb.zip', zip))
    expect(parent).toMatchObject({ status: 'failed', error: { code: 'archive_rejected' } })
    expect((parent.error as { message: string }).message).toContain('ARCHIVE_MAX_RATIO')
    expect(await children(String(parent.id))).toHaveLength(0)
  })

  it('rejects an archive with too many entries', async () => {
    const zip = await buildZip(Array.from({ length: 201 }, (_, i) => ({ name: `n/${i}.txt`, bytes: Buffer.from(String(i)) })))
    const parent = await waitForUpload(stack, user.headers, await post(user, 'many.zip', zip))
    expect(parent).toMatchObject({ status: 'failed', error: { code: 'archive_rejected' } })
    expect((parent.error as { message: string }).message).toContain('ARCHIVE_MAX_ENTRIES')
  })

  it('fails a zip-slip entry alone and never writes it anywhere', async () => {
    const zip = renameEntry(
      await buildZip([...good.map((f) => ({ name: f.name, bytes: f.bytes })), { name: 'zz/zz/evil.fit', bytes: good[0]!.bytes }]),
      'zz/zz/evil.fit',
      '../../evil.fit',
    )
    const parent = await waitForUpload(stack, user.headers, await post(user, 'slip.zip', zip))
    expect(parent.counts).toEqual({ queued: 0, processing: 0, done: 3, failed: 1, duplicate: 0, skipped: 0 })
    const evil = (await children(String(parent.id))).find((r) => r.entry_path === '../../evil.fit')!
    expect(evil).toMatchObject({ status: 'failed', error_code: 'archive_rejected', filename: 'evil.fit' })
    expect(existsSync(join(tmpdir(), 'evil.fit'))).toBe(false)
  })

  it('fails a corrupt entry alone; its siblings go on', async () => {
    user = await stack.user() // fresh: these activities fall on the same days as the ones above
    const other = activityFiles(4, 33)
    const bad = other[3]!
    const zip = await buildZip([
      ...other.slice(0, 3).map((f) => ({ name: f.name, bytes: f.bytes })),
      { name: 'broken.fit', bytes: bad.bytes, compress: false },
    ])
    const at = zip.indexOf(Buffer.from(bad.bytes).subarray(0, 64))
    zip.fill(0xff, at + 100, at + 200) // stored data changed under its CRC
    const parent = await waitForUpload(stack, user.headers, await post(user, 'corrupt.zip', zip))
    expect(parent.counts).toEqual({ queued: 0, processing: 0, done: 3, failed: 1, duplicate: 0, skipped: 0 })
    const broken = (await children(String(parent.id))).find((r) => r.filename === 'broken.fit')!
    expect(broken).toMatchObject({ status: 'failed', error_code: 'corrupt_file' })
  })
})
