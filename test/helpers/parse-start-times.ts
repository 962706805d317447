/**
 * Run as a script in a child process with TZ set (test/unit/parse/host-time-zone.test.ts):
 * parses the files named on stdin (JSON: name → base64 bytes) and prints, as JSON, the host's
 * offset and each file's session starts and sample times, or its error code.
 */
import { FitledgerError } from '../../src/errors.js'
import { parse } from '../../src/parse/index.js'

export interface ParsedTimes {
  readonly host_offset_min: number
  readonly files: Record<string, string | { start_ms: number; last_s: number; lap_starts_s: number[] }[]>
}

export async function parsedTimes(files: Record<string, Uint8Array>): Promise<ParsedTimes['files']> {
  const out: ParsedTimes['files'] = {}
  for (const [name, bytes] of Object.entries(files)) {
    try {
      out[name] = (await parse(bytes, { maxUncompressedBytes: 64 * 1024 * 1024 })).map((a) => ({
        start_ms: a.start_ms,
        last_s: a.columns.time_s[a.columns.time_s.length - 1] ?? -1,
        lap_starts_s: a.laps.map((l) => l.start_s),
      }))
    } catch (err) {
      out[name] = err instanceof FitledgerError ? err.code : `threw ${String(err)}`
    }
  }
  return out
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>
  const files = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]))
  // getTimezoneOffset is the point here: it shows which zone the child really ran in.
  const result: ParsedTimes = { host_offset_min: new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset(), files: await parsedTimes(files) }
  process.stdout.write(JSON.stringify(result))
}
