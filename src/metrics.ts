import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { PoolStats } from './db/connect.js'

/** Prometheus metrics of one process: the API, a worker, or both under `npm start`. */
export interface Metrics {
  readonly registry: Registry
  readonly uploadsAccepted: Counter<'kind'>
  readonly jobs: Counter<'outcome'>
  readonly jobFailures: Counter<'code'>
  readonly jobSeconds: Histogram<'outcome'>
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'fitledger_' })
  return {
    registry,
    uploadsAccepted: new Counter({
      name: 'fitledger_uploads_accepted_total',
      help: 'Uploads answered 202 (bytes stored and row committed), by kind.',
      labelNames: ['kind'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'fitledger_jobs_total',
      help: 'Ingest jobs finished by this process, by outcome (done, duplicate, failed, retried).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    jobFailures: new Counter({
      name: 'fitledger_job_failures_total',
      help: 'Uploads this process failed, by error code.',
      labelNames: ['code'],
      registers: [registry],
    }),
    jobSeconds: new Histogram({
      name: 'fitledger_job_duration_seconds',
      help: 'Time to process one ingest job.',
      labelNames: ['outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  }
}

/** The Postgres pool of this process: its size, and how many callers wait for a connection. */
export function watchPool(metrics: Metrics, stats: () => PoolStats | undefined): void {
  new Gauge({
    name: 'fitledger_db_pool_max',
    help: 'Connections this process may open to Postgres (PG_POOL_MAX, or sized from the work it runs).',
    registers: [metrics.registry],
    collect() {
      this.set(stats()?.max ?? 0)
    },
  })
  new Gauge({
    name: 'fitledger_db_connections',
    help: 'Postgres connections of this process: open (total), idle, and callers waiting for one.',
    labelNames: ['state'],
    registers: [metrics.registry],
    collect() {
      const now = stats()
      if (!now) return
      for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, now[state])
    },
  })
}
