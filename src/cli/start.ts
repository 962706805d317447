import { poolStats } from '../db/connect.js'
import { createMetrics, watchPool } from '../metrics.js'
import { type CliContext, configAndLog } from './context.js'
import { migrateCommand } from './migrate.js'
import { openServices, poolSizeFor } from './runtime.js'
import { serveUntilStopped } from './serve.js'
import { startIngestWorker } from './work.js'

/** `npm start`: migrations, then the API and a worker in one process. */
export async function startCommand(ctx: CliContext): Promise<number> {
  const migrated = await migrateCommand(ctx)
  if (migrated !== 0) return migrated
  const { config, log } = configAndLog(ctx)
  const services = await openServices(config, { poolSize: poolSizeFor(config, { api: true, worker: true }), log })
  const metrics = createMetrics() // one registry: the API's /metrics on PORT shows the worker's too
  watchPool(metrics, () => poolStats(services.db))
  const worker = startIngestWorker(config, log, services, metrics)
  try {
    return await serveUntilStopped(ctx, config, log, services, metrics)
  } finally {
    // Also when listening failed: the worker and the connections would keep the process alive.
    await worker.close()
    await services.close()
  }
}
