/** `import --wait`: polls the uploads this run made until every one has ended (Postgres is the record). */
import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import type { Progress } from './progress.js'

export interface WaitResult {
  readonly byStatus: Map<string, number>
  /** `filename: code: message` of each failed upload. */
  readonly failures: string[]
}

const POLL_MS = 250
const CHUNK = 1000

export async function waitForUploads(
  db: Kysely<Database>,
  ids: readonly string[],
  progress: Progress,
  stop: Promise<unknown>,
): Promise<WaitResult> {
  progress.grow(ids.length)
  progress.counted()
  let stopped = false
  void stop.then(() => (stopped = true))
  let ended = 0
  try {
    for (;;) {
      const rows = []
      for (let i = 0; i < ids.length; i += CHUNK) {
        rows.push(
          ...(await db
            .selectFrom('uploads')
            .select(['filename', 'status', 'error_code', 'error_message', 'duplicate_rule'])
            .where('id', 'in', ids.slice(i, i + CHUNK))
            .execute()),
        )
      }
      const open = rows.filter((r) => r.status === 'queued' || r.status === 'processing').length
      progress.tick(ids.length - open - ended)
      ended = ids.length - open
      if (open === 0 || stopped) {
        const byStatus = new Map<string, number>()
        for (const r of rows) {
          const key =
            r.status === 'failed' ? `failed: ${r.error_code}` : r.status === 'duplicate' ? `duplicate: ${r.duplicate_rule}` : r.status
          byStatus.set(key, (byStatus.get(key) ?? 0) + 1)
        }
        const failures = rows.filter((r) => r.status === 'failed').map((r) => `${r.filename}: ${r.error_code}: ${r.error_message ?? ''}`)
        return { byStatus, failures }
      }
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
  } finally {
    progress.stop()
  }
}
