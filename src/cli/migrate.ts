import { connectDb } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { type CliContext, configAndLog, println } from './context.js'
import { checkPostgres } from './runtime.js'

/** `fitledger migrate`: creates the database if needed and applies every pending migration. */
export async function migrateCommand(ctx: CliContext): Promise<number> {
  const { config } = configAndLog(ctx)
  await checkPostgres(config.DATABASE_URL)
  const db = connectDb(config.DATABASE_URL, { max: 1 })
  try {
    const result = await migrateToLatest(db)
    const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
    println(ctx.stdout, applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date')
    return 0
  } finally {
    await db.destroy()
  }
}
