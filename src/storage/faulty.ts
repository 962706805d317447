import { FitledgerError } from '../errors.js'
import type { ObjectStore } from './object-store.js'

export interface FaultSwitch {
  failing: boolean
}

/** For fault injection: while `faults.failing`, every call but close() throws a transient error. */
export function withFaults(store: ObjectStore, faults: FaultSwitch): ObjectStore {
  const guard =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (faults.failing) throw new FitledgerError('unavailable', 'storage fault injected')
      return fn(...args)
    }
  return {
    put: guard((key: string, bytes: Uint8Array) => store.put(key, bytes)),
    putStream: guard((source: AsyncIterable<Uint8Array>) => store.putStream(source)),
    get: guard((key: string) => store.get(key)),
    has: guard((key: string) => store.has(key)),
    delete: guard((key: string) => store.delete(key)),
    check: guard(() => store.check()),
    close: async () => store.close?.(),
  }
}
