/** Codes a failed upload can end with (CONTRACT.md). */
export const UPLOAD_ERROR_CODES = [
  'unsupported_format',
  'corrupt_file',
  'no_activity_data',
  'too_large',
  'archive_rejected',
  'internal',
] as const
export type UploadErrorCode = (typeof UPLOAD_ERROR_CODES)[number]

/** Codes only a request can end with, never an upload. */
export const REQUEST_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'not_found',
  'rate_limited',
  'unavailable',
  'unsupported_media_type',
] as const

/** Every code fitledger answers with: the type and the JSON enum. */
export const ERROR_CODES = [...UPLOAD_ERROR_CODES, ...REQUEST_ERROR_CODES] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

const HTTP_STATUS: Record<ErrorCode, number> = {
  unsupported_format: 415,
  corrupt_file: 422,
  no_activity_data: 422,
  too_large: 413,
  archive_rejected: 422,
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
  unsupported_media_type: 415, // a request's own Content-Type; an upload's content is unsupported_format
  internal: 500,
}

/** The one error type of fitledger. The code is for machines and never changes; the message is for people. */
export class FitledgerError extends Error {
  override readonly name = 'FitledgerError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }

  get status(): number {
    return HTTP_STATUS[this.code]
  }

  /** Retrying cannot help: the input itself is at fault. */
  get permanent(): boolean {
    return this.code !== 'internal' && this.code !== 'unavailable'
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message }
  }
}

/**
 * The file's own fault, which no retry can mend: an upload error code other than `internal`.
 * Anything else a worker meets (a stored object not found, a request code from a bug) is
 * retried and ends `internal`.
 */
export function isFileFault(err: unknown): err is FitledgerError {
  return err instanceof FitledgerError && err.code !== 'internal' && isUploadErrorCode(err.code)
}

export function isUploadErrorCode(code: ErrorCode): code is UploadErrorCode {
  return (UPLOAD_ERROR_CODES as readonly ErrorCode[]).includes(code)
}

/** The code a failed upload records: its own, or `internal` for one no upload can end with. */
export function uploadErrorCode(err: FitledgerError): UploadErrorCode {
  return isUploadErrorCode(err.code) ? err.code : 'internal'
}

export function isFitledgerError(err: unknown, code?: ErrorCode): err is FitledgerError {
  return err instanceof FitledgerError && (code === undefined || err.code === code)
}
