import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { userIdForToken } from '../db/users.js'
import { FitledgerError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    userId: string
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/** Bearer-token auth for everything registered in the same scope (the /v1 routes). */
export function registerAuth(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('userId', '')
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (!match?.[1]) throw new FitledgerError('unauthorized', 'send Authorization: Bearer <token>')
    const userId = await userIdForToken(db, match[1])
    if (!userId) throw new FitledgerError('unauthorized', 'the token is unknown or revoked')
    request.userId = userId
  })
}

/** The caller's own resource or nothing: another user's id answers 404, like a missing one. */
export function notFound(what: string): FitledgerError {
  return new FitledgerError('not_found', `no such ${what}`)
}
