import { archiveCapsFrom } from '../archive/caps.js'
import type { Config } from '../config.js'
import type { Logger } from '../log.js'
import { poolStats } from '../db/connect.js'
import { createMetrics, type Metrics, watchPool } from '../metrics.js'
import { createWeekChanges } from '../queue/week-changes.js'
import { createStageClock } from '../stage-clock.js'
import { startWorker } from '../../workers/main.js'
import { createParsePool } from '../../workers/parse-pool.js'
import { type CliContext, configAndLog } from './context.js'
import { serveMetrics } from './metrics-server.js'
import { openServices, poolSizeFor, type Services } from './runtime.js'

export function startIngestWorker(config: Config, log: Logger, services: Services, metrics: Metrics) {
  const pool = createParsePool({
    limits: { maxUncompressedBytes: config.MAX_UNCOMPRESSED_BYTES },
    threads: config.WORKER_CONCURRENCY,
    heapMb: config.PARSE_HEAP_MB,
    timeoutS: config.PARSE_TIMEOUT_S,
  })
  const clock = createStageClock()
  const running = startWorker({
    ...services,
    weekChanges: createWeekChanges({ ...services, log }),
    log,
    metrics,
    parse: (bytes) => pool.parse(bytes),
    archives: { queue: services.queue, caps: archiveCapsFrom(config) },
    clock,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    reconcileAfterS: config.RECONCILE_AFTER_S,
    reconcileEveryS: config.RECONCILE_EVERY_S,
    jobTimeoutS: config.JOB_TIMEOUT_S,
  })
  log.info({ concurrency: config.WORKER_CONCURRENCY }, 'fitledger worker started')
  return {
    async close() {
      await running.close()
      await pool.close()
      log.info({ stage_s: clock.totals() }, 'ingest time by stage') // read by bench:import
    },
  }
}

/** `fitledger work`: one worker process; run as many as you like against the same services. */
export async function workCommand(ctx: CliContext): Promise<number> {
  const { config, log } = configAndLog(ctx)
  const services = await openServices(config, { poolSize: poolSizeFor(config, { worker: true }), log })
  const metrics = createMetrics()
  watchPool(metrics, () => poolStats(services.db))
  const worker = startIngestWorker(config, log, services, metrics)
  const metricsServer = await serveMetrics(metrics, config.HOST, config.METRICS_PORT, log)
  const signal = await ctx.stopSignal
  log.info({ signal }, 'shutting down: finishing running jobs')
  await metricsServer.close()
  await worker.close()
  await services.close()
  return 0
}
