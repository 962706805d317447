import { FitledgerError } from '../errors.js'

/** Keyset cursors: an opaque token for the last row's (timestamp, id). */
export interface Cursor {
  readonly at: string // ISO timestamp
  readonly id: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url')
}

export function decodeCursor(token: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[]
      if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id)) {
        return { at, id }
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new FitledgerError('bad_request', 'cursor is not one this API gave out')
}

export function isUuid(value: string): boolean {
  return UUID.test(value)
}
