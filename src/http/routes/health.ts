import type { Queue } from 'bullmq'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { Gauge } from 'prom-client'
import type { Database } from '../../db/tables.js'
import { unfinishedUploadCounts } from '../../db/uploads.js'
import type { Metrics } from '../../metrics.js'
import type { IngestJob } from '../../queue/ingest-queue.js'
import type { ObjectStore } from '../../storage/object-store.js'

export interface HealthDeps {
  readonly db: Kysely<Database>
  readonly queue: Queue<IngestJob>
  readonly storage: ObjectStore
  readonly metrics: Metrics
}

const CHECK_TIMEOUT_MS = 2000

/**
 * 'ok' or 'down', and nothing more: an error's message names hosts, ports, buckets and paths,
 * which /readyz, open to anyone, must not show. The reason goes to the log.
 */
async function probe(what: string, check: () => Promise<unknown>, log: FastifyBaseLogger): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)
  })
  try {
    await Promise.race([check(), timeout])
    return 'ok'
  } catch (err) {
    log.warn({ err, dependency: what }, 'readiness check failed')
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}

/** Gauges read at scrape time, so they agree across every API and worker process. */
function registerStateGauges(deps: HealthDeps): void {
  new Gauge({
    name: 'fitledger_uploads',
    help: 'Unfinished uploads in Postgres (queued, processing); finished ones are counted by fitledger_jobs_total.',
    labelNames: ['status'],
    registers: [deps.metrics.registry],
    async collect() {
      const counts = new Map((await unfinishedUploadCounts(deps.db).execute()).map((r) => [r.status, Number(r.count)]))
      for (const status of ['queued', 'processing'] as const) this.set({ status }, counts.get(status) ?? 0)
    },
  })
  new Gauge({
    name: 'fitledger_queue_jobs',
    help: 'Ingest jobs in Redis by state.',
    labelNames: ['state'],
    registers: [deps.metrics.registry],
    async collect() {
      const counts = await deps.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized')
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count)
    },
  })
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  registerStateGauges(deps)
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))

  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const checks = {
      database: await probe('database', () => sql`select 1`.execute(deps.db), request.log),
      redis: await probe('redis', () => deps.queue.getJobCounts('waiting'), request.log),
      storage: await probe('storage', () => deps.storage.check(), request.log),
    }
    const ready = Object.values(checks).every((c) => c === 'ok')
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks })
  })

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await deps.metrics.registry.metrics()
    return reply.type(deps.metrics.registry.contentType).send(text)
  })
}
