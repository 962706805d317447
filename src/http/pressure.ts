import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { FitledgerError } from '../errors.js'

/** Per-token request budgets, and the back-pressure on uploads. */
export interface PressureLimits {
  readonly uploadsPerMinute: number
  readonly reportsPerMinute: number
  /** Uploads being received at once; past it the API answers 503 rather than buffer more. */
  readonly maxConcurrentUploads: number
}

/**
 * Budgets count per authenticated token: the limiter's hook is a route hook, so it runs after
 * the /v1 auth hook, and any spelling of one bearer header (`bearer t`, `Bearer  t`) is one
 * token. A route outside auth would count per address.
 */
const callerKey = (request: FastifyRequest): string => (request.tokenId ? `token:${request.tokenId}` : `ip:${request.ip}`)

/**
 * With a Redis client the budgets are shared by every API process (counted in Redis under the
 * queue prefix); without one each process counts its own. A Redis outage never blocks an
 * upload: the limiter is skipped, and the upload path works without Redis by design.
 */
export async function registerRateLimit(app: FastifyInstance, shared?: { redis: Redis; prefix: string }): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: callerKey,
    ...(shared ? { redis: shared.redis, nameSpace: `${shared.prefix}:rate:`, skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new FitledgerError(
        'rate_limited',
        `too many requests: at most ${context.max} per ${context.after}; retry after the Retry-After seconds`,
      ),
  })
}

/** Route options that put a route under a per-token budget. */
export function perMinute(max: number) {
  return { rateLimit: { max, timeWindow: 60_000 } }
}

declare module 'fastify' {
  interface FastifyRequest {
    holdsUploadSlot: boolean
  }
}

/** Caps the uploads this process is receiving at once: back-pressure before memory runs out. */
export function limitConcurrentUploads(scope: FastifyInstance, max: number): void {
  let inFlight = 0
  const release = async (request: FastifyRequest) => {
    if (!request.holdsUploadSlot) return
    request.holdsUploadSlot = false
    inFlight -= 1
  }
  scope.decorateRequest('holdsUploadSlot', false)
  scope.addHook('onRequest', async (request) => {
    if (request.method !== 'POST') return
    if (inFlight >= max) throw new FitledgerError('unavailable', 'the server is receiving too many uploads; retry shortly')
    inFlight += 1
    request.holdsUploadSlot = true
  })
  scope.addHook('onResponse', release)
  scope.addHook('onRequestAbort', release)
}
