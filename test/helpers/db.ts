import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import { connectDb } from '../../src/db/connect.js'
import type { Database } from '../../src/db/tables.js'
import { adminQuery, dbUrl, testDbName } from './pg-admin.js'

export interface TestDb {
  readonly url: string
  readonly db: Kysely<Database>
  drop(): Promise<void>
}

/** A fresh database cloned from this run's migrated template: every test file gets its own. */
export async function createTestDb(): Promise<TestDb> {
  const name = testDbName('t')
  await adminQuery(`create database ${name} template ${inject('templateDb')}`)
  const url = dbUrl(name)
  const db = connectDb(url, { max: 5 })
  return {
    url,
    db,
    async drop() {
      await db.destroy()
      await adminQuery(`drop database if exists ${name} with (force)`)
    },
  }
}
