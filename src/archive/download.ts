import { writeFile } from 'node:fs/promises'
import type { ObjectStore } from '../storage/object-store.js'

/** Puts a stored object in a local file for yauzl, streaming when the store can. */
export async function downloadToFile(storage: ObjectStore, key: string, path: string): Promise<void> {
  if (storage.getToFile) return storage.getToFile(key, path)
  await writeFile(path, await storage.get(key), { flag: 'wx' })
}
