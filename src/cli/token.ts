import { issueToken, listTokens, revokeToken } from '../db/users.js'
import { FitledgerError } from '../errors.js'
import { type CliContext, configAndLog, println } from './context.js'
import { withDatabase } from './runtime.js'
import { requireUser } from './user.js'

/** `fitledger token create --user E [--label L] [--json]`: a fresh token, shown once. */
export async function tokenCreateCommand(ctx: CliContext, opts: { user: string; label?: string; json?: boolean }): Promise<number> {
  const { config } = configAndLog(ctx)
  return withDatabase(config.DATABASE_URL, async (db) => {
    const user = await requireUser(db, opts.user)
    const token = await issueToken(db, user.id, opts.label ?? null)
    println(ctx.stdout, opts.json ? JSON.stringify({ user_id: user.id, email: user.email, token }) : token)
    return 0
  })
}

/** `fitledger token revoke --user E TOKEN_OR_ID`: takes effect on the next request. */
export async function tokenRevokeCommand(ctx: CliContext, tokenOrId: string, opts: { user: string }): Promise<number> {
  const { config } = configAndLog(ctx)
  return withDatabase(config.DATABASE_URL, async (db) => {
    const user = await requireUser(db, opts.user)
    if ((await revokeToken(db, user.id, tokenOrId)) === 0) {
      throw new FitledgerError('not_found', `no live token of ${user.email} matches what you gave`)
    }
    println(ctx.stdout, 'revoked')
    return 0
  })
}

/** `fitledger token list --user E`: ids and labels only; token values are never stored. */
export async function tokenListCommand(ctx: CliContext, opts: { user: string }): Promise<number> {
  const { config } = configAndLog(ctx)
  return withDatabase(config.DATABASE_URL, async (db) => {
    const user = await requireUser(db, opts.user)
    for (const t of await listTokens(db, user.id)) {
      println(ctx.stdout, `${t.id}  ${t.created_at.toISOString()}  ${t.revoked_at ? 'revoked' : 'live   '}  ${t.label ?? ''}`)
    }
    return 0
  })
}
