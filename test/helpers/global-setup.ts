import type { TestProject } from 'vitest/node'
import { connectDb } from '../../src/db/connect.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { adminQuery, dbUrl, testDbName } from './pg-admin.js'
import { describeTestServices } from './services-env.js'

const STALE_AFTER_S = 3 * 3600

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string
  }
}

/**
 * Builds one migrated template database per test run; each test file clones it
 * (test/helpers/db.ts). Names carry their creation time so that a killed run's leftovers
 * are dropped later without touching a run that is still going.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  console.log(describeTestServices())
  const now = Math.floor(Date.now() / 1000)
  const all = await adminQuery(`select datname from pg_database where datname ~ '^fitledger_(tpl|t)_[0-9]+_'`)
  for (const { datname } of all.rows as { datname: string }[]) {
    const created = Number(datname.split('_')[2])
    if (now - created > STALE_AFTER_S) await adminQuery(`drop database if exists "${datname}" with (force)`)
  }
  const template = testDbName('tpl')
  await adminQuery(`create database ${template}`)
  const db = connectDb(dbUrl(template), { max: 1 })
  try {
    await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
  project.provide('templateDb', template)
  return async () => {
    await adminQuery(`drop database if exists ${template} with (force)`)
  }
}
