/**
 * The line that says what to do when Postgres or Redis does not answer, derived from the URL the
 * user configured: a start command only where it would start a server at that very address.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

function hostPort(url: URL, defaultPort: string): { host: string; port: string; local: boolean } {
  return { host: url.hostname, port: url.port || defaultPort, local: LOOPBACK.has(url.hostname) }
}

export function postgresDownHint(databaseUrl: string): string {
  const { host, port, local } = hostPort(new URL(databaseUrl), '5432')
  const where = `Postgres is not reachable at ${host}:${port}`
  // Debian's cluster listens on 5432 unless its postgresql.conf says otherwise.
  if (local && port === '5432') return `${where}. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`
  return `${where}: nothing answers there. Start a PostgreSQL server on that address, or set DATABASE_URL to one that runs`
}

export function redisDownHint(redisUrl: string): string {
  const { host, port, local } = hostPort(new URL(redisUrl), '6379')
  const where = `Redis is not reachable at ${host}:${port}`
  if (local) return `${where}. Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save "" --appendonly no`
  return `${where}: nothing answers there. Start Redis on that address, or set REDIS_URL to one that runs`
}
