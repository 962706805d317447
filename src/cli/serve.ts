import type { Config } from '../config.js'
import { buildApp } from '../http/app.js'
import type { Logger } from '../log.js'
import { poolStats } from '../db/connect.js'
import { createMetrics, type Metrics, watchPool } from '../metrics.js'
import { createWeekChanges } from '../queue/week-changes.js'
import { type CliContext, configAndLog } from './context.js'
import { openServices, poolSizeFor, type Services } from './runtime.js'

/** Listens until closed; close() stops taking requests and waits for those in flight. */
export async function startApi(config: Config, log: Logger, services: Services, metrics: Metrics) {
  const app = await buildApp({
    ...services,
    weekChanges: createWeekChanges({ ...services, log }),
    log,
    metrics,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    rateLimitStore: { redis: services.redis, prefix: config.QUEUE_PREFIX },
    limits: {
      uploadsPerMinute: config.RATE_LIMIT_UPLOADS_PER_MIN,
      reportsPerMinute: config.RATE_LIMIT_REPORTS_PER_MIN,
      maxConcurrentUploads: config.MAX_CONCURRENT_UPLOADS,
    },
  })
  const address = await app.listen({ port: config.PORT, host: config.HOST })
  log.info({ address }, 'fitledger API listening')
  return { address, close: () => app.close() }
}

/** Serves until SIGTERM or SIGINT, then stops taking requests and waits for those in flight. */
export async function serveUntilStopped(
  ctx: CliContext,
  config: Config,
  log: Logger,
  services: Services,
  metrics: Metrics,
): Promise<number> {
  const api = await startApi(config, log, services, metrics)
  const signal = await ctx.stopSignal
  log.info({ signal }, 'shutting down')
  await api.close()
  return 0
}

/** `fitledger serve`: the HTTP API. */
export async function serveCommand(ctx: CliContext): Promise<number> {
  const { config, log } = configAndLog(ctx)
  const services = await openServices(config, { poolSize: poolSizeFor(config, { api: true }), log })
  try {
    const metrics = createMetrics()
    watchPool(metrics, () => poolStats(services.db))
    return await serveUntilStopped(ctx, config, log, services, metrics)
  } finally {
    await services.close() // also when listening failed, or the process would linger on its connections
  }
}
