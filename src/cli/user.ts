import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { createUser, findUserByEmail, issueToken, type User } from '../db/users.js'
import { FitledgerError } from '../errors.js'
import { type CliContext, configAndLog, println } from './context.js'
import { withDatabase } from './runtime.js'

/** `fitledger user create --email E [--name N] [--json]`: the token is shown once, never stored. */
export async function userCreateCommand(ctx: CliContext, opts: { email: string; name?: string; json?: boolean }): Promise<number> {
  const { config } = configAndLog(ctx)
  return withDatabase(config.DATABASE_URL, async (db) => {
    const user = await createUser(db, opts.email, opts.name ?? null)
    const token = await issueToken(db, user.id, 'created with the user')
    if (opts.json) println(ctx.stdout, JSON.stringify({ id: user.id, email: user.email, token }))
    else println(ctx.stdout, `user ${user.email}\nid     ${user.id}\ntoken  ${token}\n(the token is shown only now: keep it)`)
    return 0
  })
}

/** The user behind `--user E`, or a one-line error naming the email. */
export async function requireUser(db: Kysely<Database>, email: string): Promise<User> {
  const user = await findUserByEmail(db, email)
  if (!user)
    throw new FitledgerError('not_found', `no user with the email ${email}: create one with \`fitledger user create --email ${email}\``)
  return user
}
