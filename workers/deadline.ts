import { FitledgerError } from '../src/errors.js'

/**
 * A job's overall deadline (JOB_TIMEOUT_S). Past it the job fails as our own, retryable error,
 * so BullMQ releases its lock and tries again with backoff, and the upload ends `internal`
 * after the last attempt instead of staying `processing` for ever. Promises cannot be
 * cancelled: the abandoned attempt runs on until its own I/O deadlines end it, and every
 * write it might still make is idempotent.
 */
export async function withDeadline<T>(seconds: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FitledgerError('internal', `${what} ran past its ${seconds} s deadline (JOB_TIMEOUT_S)`)),
      seconds * 1000,
    )
  })
  try {
    return await Promise.race([work(), expired])
  } finally {
    clearTimeout(timer)
  }
}
