import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { PG_ADMIN_URL } from './services-env.js'

export { PG_ADMIN_URL }

export function dbUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** `fitledger_<kind>_<unix seconds>_<random>`: the time lets a later run drop leftovers. */
export function testDbName(kind: 'tpl' | 't'): string {
  return `fitledger_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  try {
    return await client.query(sql, params)
  } finally {
    await client.end()
  }
}
