import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { findToken } from '../db/users.js'
import { FitledgerError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    userId: string
    /** The authenticated token's id: what per-token budgets count (pressure.ts). */
    tokenId: string
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/** Bearer-token auth for everything registered in the same scope (the /v1 routes). */
export function registerAuth(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('userId', '')
  app.decorateRequest('tokenId', '')
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (!match?.[1]) throw new FitledgerError('unauthorized', 'send Authorization: Bearer <token>')
    const owner = await findToken(db, match[1])
    if (!owner) throw new FitledgerError('unauthorized', 'the token is unknown or revoked')
    request.userId = owner.user_id
    request.tokenId = owner.token_id
  })
}

/** The caller's own resource or nothing: another user's id answers 404, like a missing one. */
export function notFound(what: string): FitledgerError {
  return new FitledgerError('not_found', `no such ${what}`)
}
