import type { FastifyError, FastifyInstance } from 'fastify'
import { type ErrorCode, FitledgerError } from '../errors.js'
import { isDependencyFailure } from './unavailable.js'

/** Fastify's and @fastify/multipart's own errors, as our codes: bad input is never a 500. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_REQ_FILE_TOO_LARGE: 'too_large',
  FST_PARTS_LIMIT: 'too_large',
  FST_FILES_LIMIT: 'too_large',
  FST_FIELDS_LIMIT: 'too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_PROTO_VIOLATION: 'bad_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'bad_request',
  FST_NO_FORM_DATA: 'bad_request',
}

function statusCode(err: unknown): number | undefined {
  const value = (err as { statusCode?: unknown }).statusCode
  return typeof value === 'number' ? value : undefined
}

/** Translates any error into `{"error":{"code","message"}}` with its HTTP status. */
export function toFitledgerError(err: unknown): FitledgerError {
  if (err instanceof FitledgerError) return err
  const fastifyErr = err as FastifyError
  if ((fastifyErr as { validation?: unknown }).validation) return new FitledgerError('bad_request', fastifyErr.message)
  const mapped = fastifyErr.code ? FRAMEWORK_CODES[fastifyErr.code] : undefined
  if (mapped) return new FitledgerError(mapped, fastifyErr.message)
  const status = statusCode(err)
  if (status !== undefined && status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 413
        ? 'too_large'
        : status === 404
          ? 'not_found'
          : status === 401
            ? 'unauthorized'
            : status === 429
              ? 'rate_limited'
              : 'bad_request'
    return new FitledgerError(code, fastifyErr.message)
  }
  // Postgres, Redis or storage down is no bug of ours: the client should come back later.
  if (isDependencyFailure(err))
    return new FitledgerError('unavailable', 'a service fitledger needs is unavailable; retry shortly', { cause: err })
  return new FitledgerError('internal', 'internal error', { cause: err })
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const mapped = toFitledgerError(err)
    if (mapped.code === 'internal') request.log.error({ err }, 'request failed')
    else if (mapped.code === 'unavailable' && mapped !== err) request.log.warn({ err }, 'a dependency is unavailable')
    else request.log.info({ code: mapped.code, reason: mapped.message }, 'request rejected')
    if ((mapped.status === 503 || mapped.status === 429) && !reply.hasHeader('retry-after')) void reply.header('retry-after', '5')
    return reply.status(mapped.status).send({ error: mapped.toJSON() })
  })
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  )
}
