import { createServer } from 'node:http'
import type { Logger } from '../log.js'
import type { Metrics } from '../metrics.js'

/**
 * `fitledger work` has no HTTP API, so its metrics get a listener of their own (METRICS_PORT).
 * A port already taken (a second worker on the host) costs the metrics, never the worker.
 */
export async function serveMetrics(metrics: Metrics, host: string, port: number, log: Logger): Promise<{ close(): Promise<void> }> {
  if (port === 0) return { close: async () => {} }
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end()
      return
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (err: unknown) => {
        log.warn({ err }, 'metrics could not be collected')
        response.writeHead(500).end()
      },
    )
  })
  await new Promise<void>((resolve) => {
    server.once('error', (err) => {
      log.warn({ err, port }, 'metrics port unavailable: this worker serves no /metrics')
      resolve()
    })
    server.listen(port, host, () => {
      log.info({ port }, 'worker metrics at /metrics')
      resolve()
    })
  })
  return { close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())) }
}
