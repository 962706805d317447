import { Piscina } from 'piscina'
import { FitledgerError } from '../src/errors.js'
import type { ParsedActivity, ParseLimits } from '../src/model.js'
import type { ThreadResult } from './parse-thread.js'

export interface ParsePoolOptions {
  readonly limits: ParseLimits
  readonly threads: number
  /** Heap cap per thread: fit-file-parser can need 60× a file's size. */
  readonly heapMb: number
  readonly timeoutS: number
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
    filename: THREAD_FILE.href,
    minThreads: 1,
    maxThreads: options.threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 64 },
    ...(FROM_SOURCE ? { execArgv: ['--import', 'tsx'] } : {}),
  })
  return {
    async parse(bytes) {
      let result: ThreadResult
      try {
        result = (await pool.run(
          { bytes, limits: options.limits },
          { signal: AbortSignal.timeout(options.timeoutS * 1000) },
        )) as ThreadResult
      } catch (err) {
        const code = (err as { code?: string }).code
        if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw new FitledgerError('too_large', `reading the file needs more than ${options.heapMb} MB of memory`, { cause: err })
        }
        if ((err as Error).name === 'AbortError' || (err as Error).name === 'TimeoutError') {
          throw new FitledgerError('corrupt_file', `reading the file took longer than ${options.timeoutS} s`, { cause: err })
        }
        throw err // the pool itself failed: transient, the job is retried
      }
      if (!result.ok) throw new FitledgerError(result.code, result.message)
      return result.activities
    },
    close: () => pool.destroy(),
  }
}
