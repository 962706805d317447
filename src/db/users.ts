import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { FitledgerError } from '../errors.js'
import type { Database } from './tables.js'

export interface User {
  readonly id: string
  readonly email: string
  readonly name: string | null
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export async function createUser(db: Kysely<Database>, email: string, name: string | null): Promise<User> {
  const normalised = normaliseEmail(email)
  if (!/^[^\s@]+@[^\s@]+$/.test(normalised)) throw new FitledgerError('bad_request', `not an email address: ${email}`)
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
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst()
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

/** A fresh API token; only its hash is stored, so it is shown once. */
export async function issueToken(db: Kysely<Database>, userId: string, label: string | null = null): Promise<string> {
  const token = `flt_${randomBytes(32).toString('base64url')}`
  await db.insertInto('api_tokens').values({ user_id: userId, token_sha256: hashToken(token), label }).execute()
  return token
}

/** The user a token belongs to, or undefined for an unknown or revoked token. */
export async function userIdForToken(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .select('user_id')
    .where('token_sha256', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row?.user_id
}
