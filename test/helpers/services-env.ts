import { loadConfig } from '../../src/config.js'

/**
 * The tests use the service's own variables and defaults (src/config.ts): the Postgres server
 * named by DATABASE_URL, on which each test file makes databases of its own, and REDIS_URL,
 * under a key prefix of its own. Whoever runs the service on other ports tests there too.
 */
const config = loadConfig(process.env)

/** The `postgres` maintenance database on DATABASE_URL's server, for creating and dropping test databases. */
export const PG_ADMIN_URL = (() => {
  const url = new URL(config.DATABASE_URL)
  url.pathname = '/postgres'
  return url.toString()
})()

export const REDIS_URL = config.REDIS_URL

/** host:port of each, for the line the test run prints first. */
export function describeTestServices(): string {
  return `tests use Postgres at ${new URL(PG_ADMIN_URL).host} (DATABASE_URL) and Redis at ${new URL(REDIS_URL).host} (REDIS_URL)`
}
