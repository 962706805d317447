import { isFitledgerError } from '../src/errors.js'
import type { Logger } from '../src/log.js'
import type { ParsedActivity } from '../src/model.js'
import type { ObjectStore } from '../src/storage/object-store.js'

export interface ParseStoredDeps {
  readonly storage: ObjectStore
  readonly parse: (bytes: Uint8Array) => Promise<ParsedActivity[]>
  readonly log?: Logger
}

/**
 * A stored file read and parsed again (a re-analysis, a merge into the activity it made). One
 * that no longer parses, or is gone, gives null: what it made stays as it is, and the work that
 * asked goes on without it (issue 10, item 17). Anything else (storage down) propagates and
 * the job retries.
 */
export async function parseStored(deps: ParseStoredDeps, objectKey: string): Promise<ParsedActivity[] | null> {
  try {
    return await deps.parse(await deps.storage.get(objectKey))
  } catch (err) {
    if (!(isFitledgerError(err) && err.permanent)) throw err
    deps.log?.warn({ object_key: objectKey, code: err.code }, 'stored file no longer parses; what it made is kept')
    return null
  }
}
