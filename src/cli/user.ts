import { connectDb } from '../db/connect.js'
import { createUser, issueToken } from '../db/users.js'
import { type CliContext, configAndLog, println } from './context.js'
import { assertMigrated, checkPostgres } from './runtime.js'

/** `fitledger user create --email E [--name N] [--json]`: the token is shown once, never stored. */
export async function userCreateCommand(ctx: CliContext, opts: { email: string; name?: string; json?: boolean }): Promise<number> {
  const { config } = configAndLog(ctx)
  await checkPostgres(config.DATABASE_URL)
  const db = connectDb(config.DATABASE_URL, { max: 1 })
  try {
    await assertMigrated(db)
    const user = await createUser(db, opts.email, opts.name ?? null)
    const token = await issueToken(db, user.id, 'created with the user')
    if (opts.json) println(ctx.stdout, JSON.stringify({ id: user.id, email: user.email, token }))
    else println(ctx.stdout, `user ${user.email}\nid     ${user.id}\ntoken  ${token}\n(the token is shown only now: keep it)`)
    return 0
  } finally {
    await db.destroy()
  }
}
