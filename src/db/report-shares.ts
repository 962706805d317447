/**
 * Share links to reports (issue 12). A link carries a token of 256 random bits; the table keeps
 * its SHA-256 only, as for API tokens, so a database dump opens no report. Expiry is Postgres's
 * clock alone (`now()`), both when a link is made and when it is read. Revoking deletes the row.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from './tables.js'
import { hashToken } from './users.js'

export interface ShareRange {
  readonly from_week: string
  readonly to_week: string
}

export interface ShareInfo extends ShareRange {
  readonly id: string
  readonly created_at: Date
  readonly expires_at: Date
}

/** A new link's row; the token is returned once and never stored. */
export async function createShare(
  db: Kysely<Database>,
  userId: string,
  range: ShareRange,
  expiresInDays: number,
): Promise<ShareInfo & { token: string }> {
  const token = `rsh_${randomBytes(32).toString('base64url')}`
  const row = await db
    .insertInto('report_shares')
    .values({
      user_id: userId,
      token_sha256: hashToken(token),
      from_week: range.from_week,
      to_week: range.to_week,
      expires_at: sql<Date>`now() + make_interval(days => ${expiresInDays})`,
    })
    .returning(['id', 'from_week', 'to_week', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow()
  return { ...row, token }
}

/** The user's links that still open, newest first. */
export async function listShares(db: Kysely<Database>, userId: string): Promise<ShareInfo[]> {
  return db
    .selectFrom('report_shares')
    .select(['id', 'from_week', 'to_week', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute()
}

/** Revokes one of the user's links; false when the user has no such link. */
export async function revokeShare(db: Kysely<Database>, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('report_shares').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** What a link may read, or undefined for an unknown, expired or revoked one. */
export async function openShare(db: Kysely<Database>, token: string): Promise<(ShareRange & { user_id: string }) | undefined> {
  if (token.length > 200) return undefined
  const hash = hashToken(token)
  const row = await db
    .selectFrom('report_shares')
    .select(['user_id', 'from_week', 'to_week', 'token_sha256'])
    .where('token_sha256', '=', hash)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  if (!row || !timingSafeEqual(row.token_sha256, hash)) return undefined
  return { user_id: row.user_id, from_week: row.from_week, to_week: row.to_week }
}
