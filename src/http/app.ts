import multipart from '@fastify/multipart'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Redis } from 'ioredis'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { FitledgerError } from '../errors.js'
import type { Logger } from '../log.js'
import type { WeekChanges } from '../queue/week-changes.js'
import type { AcceptDeps } from './accept-upload.js'
import { registerAuth } from './auth.js'
import { AJV_OPTIONS, closeObjects, describeSchemaErrors } from '../validation.js'
import { registerErrorHandling } from './errors.js'
import { completeOpenApi } from './openapi.js'
import { limitConcurrentUploads, type PressureLimits, registerRateLimit } from './pressure.js'
import { type ActivityRouteDeps, registerActivityRoutes } from './routes/activities.js'
import { type HealthDeps, registerHealthRoutes } from './routes/health.js'
import { registerIntakeRoutes } from './routes/intake.js'
import { registerProfileRoutes } from './routes/profile.js'
import { registerReportRoutes } from './routes/reports.js'
import { registerSharedPage, registerShareRoutes, type ShareRouteDeps } from './routes/shares.js'
import { registerUploadRoutes } from './routes/uploads.js'
import { closeAfterUnreadBody } from './unread-body.js'

export interface AppDeps extends AcceptDeps, HealthDeps, ActivityRouteDeps, ShareRouteDeps {
  readonly log: Logger
  readonly maxUploadBytes: number
  /** Queues the weeks a change touches (profile, food log, activities). */
  readonly weekChanges?: WeekChanges
  readonly limits: PressureLimits
  /** Shares the rate limits across API processes; in-process counting without it. */
  readonly rateLimitStore?: { redis: Redis; prefix: string }
}

/** Builds the API without listening, so tests can `inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: false, // draining is answered below, in our error shape with Retry-After
    ajv: { customOptions: AJV_OPTIONS },
    schemaErrorFormatter: (errors, where) => new FitledgerError('bad_request', describeSchemaErrors(errors, where)),
  })
  // While this process drains on shutdown, a request still arriving on a kept-alive connection is
  // told to come back (503 unavailable, Retry-After), so the client retries on another process.
  let draining = false
  app.addHook('preClose', async () => {
    draining = true
  })
  app.addHook('onRequest', async () => {
    if (draining) throw new FitledgerError('unavailable', 'this API process is shutting down; retry')
  })
  // Every route's input refuses unknown fields, whatever its schema remembered to say.
  app.addHook('onRoute', (route) => {
    if (!route.schema) return
    const { body, querystring, params } = route.schema
    route.schema = {
      ...route.schema,
      ...(body ? { body: closeObjects(body) } : {}),
      ...(querystring ? { querystring: closeObjects(querystring) } : {}),
      ...(params ? { params: closeObjects(params) } : {}),
    }
  })
  registerErrorHandling(app)
  closeAfterUnreadBody(app)
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'fitledger',
        version: '0.1.0',
        description: 'Workout-file ingestion and weekly regimen reports',
        license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // Relative to wherever the description was fetched from, unless PUBLIC_URL names the address.
    transformObject: (doc) =>
      'openapiObject' in doc
        ? completeOpenApi(doc.openapiObject as Parameters<typeof completeOpenApi>[0], [
            { url: deps.publicUrl ?? '/', description: 'this fitledger service' },
          ])
        : doc.swaggerObject,
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  // Group the docs by resource: /v1/uploads… under "uploads", and so on.
  app.addHook('onRoute', (route) => {
    const resource = /^\/v1\/([a-z]+)/.exec(route.url)?.[1]
    if (resource && route.schema && !route.schema.tags) route.schema = { ...route.schema, tags: [resource] }
  })
  registerHealthRoutes(app, deps)
  registerSharedPage(app, deps)
  await registerRateLimit(app, deps.rateLimitStore)

  await app.register(
    async (v1) => {
      registerAuth(v1, deps.db)
      registerActivityRoutes(v1, { ...deps, onActivitiesChanged: deps.onActivitiesChanged ?? deps.weekChanges?.activitiesChanged })
      registerProfileRoutes(v1, deps)
      registerIntakeRoutes(v1, deps)
      registerReportRoutes(v1, deps)
      registerShareRoutes(v1, deps)
      // Uploads take raw bytes of any type, or multipart; each in a scope of its own parsers.
      await v1.register(async (uploads) => {
        limitConcurrentUploads(uploads, deps.limits.maxConcurrentUploads)
        uploads.removeAllContentTypeParsers()
        // A raw body is left unread: the route streams it to storage (store-body.ts). A
        // Content-Length over the limit is answered before a byte of it is read.
        uploads.addContentTypeParser('*', (request, body, done) => {
          if (Number(request.headers['content-length']) > deps.maxUploadBytes) {
            done(new FitledgerError('too_large', `the upload is over ${deps.maxUploadBytes} bytes`), undefined)
          } else done(null, body)
        })
        await uploads.register(multipart, {
          // One byte over the limit, so the route's own count (which spans every file) sees the
          // excess and fails the store, rather than busboy quietly cutting the file short.
          limits: { fileSize: deps.maxUploadBytes + 1, files: 1000, parts: 2000, fields: 20, fieldSize: 64 * 1024 },
        })
        registerUploadRoutes(uploads, deps)
      })
    },
    { prefix: '/v1' },
  )
  return app
}
