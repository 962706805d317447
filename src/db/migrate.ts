import { readdir } from 'node:fs/promises'
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely'
import type { Database } from './tables.js'

// migrations/ sits two levels up from this file, both as source (src/db) and compiled (dist/src/db).
const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url)

/** Loads every migrations/NNNN_name.{ts,js} file, so the same code runs from source and from dist. */
export class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[\w-]+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    const migrations: Record<string, Migration> = {}
    for (const file of files.sort()) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(new URL(file, MIGRATIONS_DIR).href)) as Migration
    }
    return migrations
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  const result = await migrator.migrateToLatest()
  if (result.error) throw result.error
  return result
}
