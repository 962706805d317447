import type { MessagePort } from 'node:worker_threads'
import { FitledgerError } from '../src/errors.js'
import type { ParsedActivity, ParseLimits } from '../src/model.js'
import { parse } from '../src/parse/index.js'

export type ThreadResult =
  | { readonly ok: true; readonly activities: ParsedActivity[] }
  | { readonly ok: false; readonly code: FitledgerError['code']; readonly message: string }

export interface ThreadTask {
  readonly bytes: Uint8Array
  readonly limits: ParseLimits
  /** Told the moment this thread takes the task up: the pool's time limit starts then. */
  readonly started: MessagePort
}

/**
 * Runs inside a worker thread (see parse-pool.ts). Errors lose their class crossing threads,
 * so the outcome comes back as data. Anything that is not a FitledgerError is a file our
 * parsers cannot read: retrying the same bytes cannot help, so it is `corrupt_file`.
 */
export async function parseTask(task: ThreadTask, parseBytes = parse): Promise<ThreadResult> {
  task.started.postMessage(null)
  task.started.close()
  try {
    return { ok: true, activities: await parseBytes(task.bytes, task.limits) }
  } catch (err) {
    if (err instanceof FitledgerError) return { ok: false, code: err.code, message: err.message }
    return { ok: false, code: 'corrupt_file', message: `the file could not be read: ${(err as Error).message}` }
  }
}

export default function parseInThread(task: ThreadTask): Promise<ThreadResult> {
  return parseTask(task)
}
