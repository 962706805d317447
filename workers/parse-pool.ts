import { MessageChannel } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { FitledgerError } from '../src/errors.js'
import type { ParsedActivity, ParseLimits } from '../src/model.js'
import type { ThreadResult, ThreadTask } from './parse-thread.js'

export interface ParsePoolOptions {
  readonly limits: ParseLimits
  readonly threads: number
  /** Heap cap per thread: fit-file-parser can need 60× a file's size. */
  readonly heapMb: number
  readonly timeoutS: number
  /** Another thread module and its workerData (tests: a parse made slow on purpose). */
  readonly thread?: { readonly file: URL; readonly data?: unknown }
}

export interface ParsePool {
  parse(bytes: Uint8Array): Promise<ParsedActivity[]>
  close(): Promise<void>
}

// From source (tests, tsx) the thread is a .ts file and needs tsx's loader; from dist, plain .js.
const FROM_SOURCE = import.meta.url.endsWith('.ts')
const THREAD_FILE = new URL(`./parse-thread.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url)

/**
 * Parses in worker threads with a heap cap and a time limit, so one hostile file fails with
 * its code instead of taking the whole worker process down. A thread that dies is replaced.
 */
export function createParsePool(options: ParsePoolOptions): ParsePool {
  const pool = new Piscina({
    filename: (options.thread?.file ?? THREAD_FILE).href,
    workerData: options.thread?.data,
    minThreads: 1,
    maxThreads: options.threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 64 },
    ...(FROM_SOURCE ? { execArgv: ['--import', 'tsx'] } : {}),
  })
  const limitMs = options.timeoutS * 1000
  return {
    async parse(bytes) {
      // Issue 10, item 10: the limit counts the parse alone. It starts when a thread takes the
      // task up (parse-thread.ts says so on this channel), never while the task waits for a
      // free thread behind other ingests, re-analyses or aggregations.
      const { port1: started, port2: startedInThread } = new MessageChannel()
      const abort = new AbortController()
      let timer: NodeJS.Timeout | undefined
      started.once('message', () => (timer = setTimeout(() => abort.abort(), limitMs)))
      let result: ThreadResult
      try {
        const task: ThreadTask = { bytes, limits: options.limits, started: startedInThread }
        result = (await pool.run(task, { signal: abort.signal, transferList: [startedInThread] })) as ThreadResult
      } catch (err) {
        const code = (err as { code?: string }).code
        if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw new FitledgerError('too_large', `reading the file needs more than ${options.heapMb} MB of memory`, { cause: err })
        }
        if (abort.signal.aborted) {
          throw new FitledgerError('corrupt_file', `reading the file took longer than ${options.timeoutS} s`, { cause: err })
        }
        throw err // the pool itself failed: transient, the job is retried
      } finally {
        clearTimeout(timer)
        started.close()
      }
      if (!result.ok) throw new FitledgerError(result.code, result.message)
      return result.activities
    },
    close: () => pool.destroy(),
  }
}
