import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEXES, UPLOAD_KINDS, UPLOAD_STATUSES } from '../../src/model.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

// Issue 11, item 3: the closed lists are declared once in model.ts; the only other copy is a
// column's CHECK constraint in a migration, which must hold the same values, so a value added
// to a list without a migration (or the reverse) fails here rather than at an INSERT.
let testDb: TestDb
beforeAll(async () => {
  testDb = await createTestDb()
})
afterAll(async () => testDb?.drop())

/** The quoted values a column's CHECK constraint allows, as Postgres reports it. */
async function allowedValues(table: string, column: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    select pg_get_constraintdef(c.oid) as def
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
     where c.conrelid = ${table}::regclass and c.contype = 'c' and a.attname = ${column}
  `.execute(testDb.db)
  expect(rows).toHaveLength(1)
  return [...(rows[0]?.def ?? '').matchAll(/'([^']*)'::text/g)].map((m) => m[1] ?? '')
}

describe('the closed lists and the database', () => {
  it.each([
    { table: 'uploads', column: 'status', list: UPLOAD_STATUSES },
    { table: 'uploads', column: 'kind', list: UPLOAD_KINDS },
    { table: 'profiles', column: 'sex', list: SEXES },
  ])('$table: $column allows exactly the list', async ({ table, column, list }) => {
    expect((await allowedValues(table, column)).sort()).toEqual([...list].sort())
  })
})
