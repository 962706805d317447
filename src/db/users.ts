import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import { FitledgerError } from '../errors.js'
import type { Database } from './tables.js'

export interface User {
  readonly id: string
  readonly email: string
  readonly name: string | null
}

/** Trimmed and lower-cased; an input that is no email address at all is a bad request. */
export function normaliseEmail(email: string): string {
  const normalised = email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+$/.test(normalised)) throw new FitledgerError('bad_request', `not an email address: ${email}`)
  return normalised
}

export async function createUser(db: Kysely<Database>, email: string, name: string | null): Promise<User> {
  const normalised = normaliseEmail(email)
  const row = await db
    .insertInto('users')
    .values({ email: normalised, name })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'name'])
    .executeTakeFirst()
  if (!row) throw new FitledgerError('bad_request', `a user with the email ${normalised} exists already`)
  return row
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('email', '=', normaliseEmail(email)).executeTakeFirst()
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

/** A fresh API token; only its hash is stored, so it is shown once. */
export async function issueToken(db: Kysely<Database>, userId: string, label: string | null = null): Promise<string> {
  const token = `flt_${randomBytes(32).toString('base64url')}`
  await db
    .insertInto('api_tokens')
    .values({ user_id: userId, token_sha256: hashToken(token), label })
    .execute()
  return token
}

/** A live token: its own id (what request budgets count) and its user. */
export interface TokenOwner {
  readonly token_id: string
  readonly user_id: string
}

/** `last_used_at` is written at most this often per token: a request a minute would be a write a minute. */
const LAST_USED_GRANULARITY = sql`interval '1 minute'`

/**
 * The token and its user, or undefined for an unknown or revoked token. The lookup is by
 * SHA-256 of the token, so a timing difference in the index can only reveal bits of a hash the
 * caller cannot steer; the final comparison is constant-time all the same. The same round trip
 * stamps `last_used_at` when it is a minute old or more; otherwise the update matches no row
 * and writes nothing.
 */
export async function findToken(db: Kysely<Database>, token: string): Promise<TokenOwner | undefined> {
  if (token.length > 200) return undefined
  const hash = hashToken(token)
  const row = await db
    .with('touched', (qb) =>
      qb
        .updateTable('api_tokens')
        .set({ last_used_at: sql`now()` })
        .where('token_sha256', '=', hash)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - ${LAST_USED_GRANULARITY}`)]))
        .returning('id'),
    )
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'token_sha256'])
    .where('token_sha256', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row && timingSafeEqual(row.token_sha256, hash) ? { token_id: row.id, user_id: row.user_id } : undefined
}

export interface TokenInfo {
  readonly id: string
  readonly label: string | null
  readonly created_at: Date
  readonly revoked_at: Date | null
}

export async function listTokens(db: Kysely<Database>, userId: string): Promise<TokenInfo[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'label', 'created_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute()
}

/** Revokes by token value or token id; returns how many were revoked (0 or 1). */
export async function revokeToken(db: Kysely<Database>, userId: string, tokenOrId: string): Promise<number> {
  const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tokenOrId)
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where(byId ? 'id' : 'token_sha256', '=', byId ? tokenOrId : hashToken(tokenOrId))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
