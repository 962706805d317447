/**
 * Weekly-report latency over ten years of one user's history (issue 5: p95 < 20 ms).
 *   npx tsx test/bench/report.ts [requests=2000]
 * Loads ~3,000 activities and 3,650 food-log days straight into a fresh database through the
 * db layer, computes every week's aggregate, then times GET /v1/reports/weekly/:week (inject,
 * the whole Fastify stack with auth) over random weeks, and one week's full recompute.
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { addDays } from '../../src/aggregate/calendar-date.js'
import { redisConnection } from '../../src/cli/runtime.js'
import { connectDb } from '../../src/db/connect.js'
import { upsertIntake } from '../../src/db/intake.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { saveProfile } from '../../src/db/profiles.js'
import type { NewActivity } from '../../src/db/tables.js'
import { insertUploads } from '../../src/db/uploads.js'
import { createUser, issueToken } from '../../src/db/users.js'
import { recomputeWeek } from '../../src/db/week-report.js'
import { buildApp } from '../../src/http/app.js'
import { createLogger } from '../../src/log.js'
import { createMetrics } from '../../src/metrics.js'
import { SPORTS } from '../../src/model.js'
import { createIngestQueue } from '../../src/queue/ingest-queue.js'
import { weeksWithData } from '../../src/queue/week-changes.js'
import { LocalObjectStore } from '../../src/storage/local.js'
import { adminQuery, dbUrl, testDbName } from '../helpers/pg-admin.js'
import { machineLine, median, percentile } from './lib/machine.js'

const REQUESTS = Number(process.argv[2] ?? 2000)
const DAYS = 3650
const FIRST_DAY = '2016-11-28'
const ACTIVITIES = 3000

/** A deterministic generator (mulberry32): the same history every run. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ms = (v: number) => `${v.toFixed(2)} ms`

async function load(db: ReturnType<typeof connectDb>, userId: string): Promise<void> {
  const random = rng(47)
  const uploadId = randomUUID()
  await insertUploads(db, [
    { id: uploadId, user_id: userId, filename: 'history.fit', object_key: 'bench', content_sha256: 'bench', size_bytes: 1, status: 'done' },
  ])
  const rows = Array.from({ length: ACTIVITIES }, (_, i): NewActivity => {
    const day = Math.floor((i / ACTIVITIES) * DAYS)
    const start = new Date(Date.parse(`${addDays(FIRST_DAY, day)}T06:00:00Z`) + Math.floor(random() * 14 * 3600) * 1000)
    const moving = 900 + Math.floor(random() * 4500)
    const sport = SPORTS[Math.floor(random() * 8)]!
    return {
      user_id: userId,
      upload_id: uploadId,
      content_sha256: 'bench',
      session_index: i,
      name: `session ${i}`,
      device: null,
      file_serial: null,
      file_created_at: null,
      format: 'fit',
      compressed: false,
      declared_sport: sport,
      sport,
      sport_source: 'declared',
      sport_confidence: 1,
      intervals: random() < 0.15,
      work_bouts: '[]',
      start_time: start,
      local_start_time: null,
      elapsed_s: moving + 120,
      moving_s: moving,
      distance_m: sport === 'strength' ? null : moving * 2.8,
      hr_avg: 140,
      hr_max: 170,
      hr_min: 90,
      hr_zones_s: [moving * 0.2, moving * 0.4, moving * 0.3, moving * 0.1, 0],
      trimp: 80,
      energy_kcal: moving * 0.17,
      energy_source: 'device',
      samples: moving,
      laps: 1,
      flags: [],
      assumed: [],
    }
  })
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('activities')
      .values(rows.slice(i, i + 500))
      .execute()
  const intake = Array.from({ length: DAYS }, (_, d) => ({
    date: addDays(FIRST_DAY, d),
    kcal: 1500 + Math.round(random() * 1200),
    water_ml: random() < 0.6 ? 1500 + Math.round(random() * 1000) : null,
    protein_g: null,
  }))
  await upsertIntake(db, userId, intake)
}

async function main(): Promise<void> {
  console.log(machineLine())
  const name = testDbName('t')
  await adminQuery(`create database ${name}`)
  const db = connectDb(dbUrl(name), { max: 10 })
  const dir = await mkdtemp(join(tmpdir(), 'fitledger-bench-'))
  const queue = createIngestQueue(redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), `flbench-${randomUUID().slice(0, 8)}`)
  try {
    await migrateToLatest(db)
    const user = await createUser(db, 'bench@example.test', null)
    const token = await issueToken(db, user.id)
    await saveProfile(db, user.id, {
      sex: 'male',
      birth_year: 1991,
      weight_kg: 80,
      height_cm: 180,
      hr_rest: 55,
      hr_max: 188,
      time_zone: 'Europe/Berlin',
      goals: {},
    })
    let t = performance.now()
    await load(db, user.id)
    console.log(`loaded ${ACTIVITIES} activities and ${DAYS} food-log days in ${ms(performance.now() - t)}`)
    const weeks = await weeksWithData(db, user.id)
    t = performance.now()
    for (const week of weeks) await recomputeWeek(db, user.id, week)
    const all = performance.now() - t
    console.log(`computed ${weeks.length} weeks in ${ms(all)} (${ms(all / weeks.length)} a week)`)

    const app = await buildApp({
      db,
      storage: new LocalObjectStore(dir),
      queue,
      log: createLogger('silent', { pretty: false }),
      metrics: createMetrics(),
      maxUploadBytes: 1 << 20,
      limits: { uploadsPerMinute: 1e9, reportsPerMinute: 1e9, maxConcurrentUploads: 8 },
    })
    const headers = { authorization: `Bearer ${token}` }
    const random = rng(2026)
    const pick = () => weeks[Math.floor(random() * weeks.length)]!
    const time = async (url: string) => {
      const start = performance.now()
      const res = await app.inject({ url, headers })
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
      return performance.now() - start
    }
    for (let i = 0; i < 200; i++) await time(`/v1/reports/weekly/${pick()}`) // warm-up: JIT, pool, caches
    for (const format of ['json', 'html', 'csv']) {
      const latencies: number[] = []
      for (let i = 0; i < REQUESTS; i++) latencies.push(await time(`/v1/reports/weekly/${pick()}.${format}`))
      console.log(
        `GET /v1/reports/weekly/:week.${format}  ${REQUESTS} random weeks: p50 ${ms(median(latencies))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}`,
      )
    }
    const recompute: number[] = []
    for (let i = 0; i < 300; i++) {
      const start = performance.now()
      await recomputeWeek(db, user.id, pick())
      recompute.push(performance.now() - start)
    }
    console.log(
      `recompute one week (load, aggregate, upsert week + 7 days, one transaction): p50 ${ms(median(recompute))}, p95 ${ms(percentile(recompute, 95))}`,
    )
    const stale: number[] = []
    for (let i = 0; i < 300; i++) {
      const week = pick()
      await db.deleteFrom('weekly_aggregates').where('user_id', '=', user.id).where('week', '=', week).execute()
      stale.push(await time(`/v1/reports/weekly/${week}`))
    }
    console.log(`GET a week with no stored aggregate (computed on read): p50 ${ms(median(stale))}, p95 ${ms(percentile(stale, 95))}`)
    await app.close()
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined)
    await queue.close()
    await db.destroy()
    await adminQuery(`drop database if exists ${name} with (force)`)
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
