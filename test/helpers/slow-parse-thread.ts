import { workerData } from 'node:worker_threads'
import { parse } from '../../src/parse/index.js'
import { parseTask, type ThreadTask } from '../../workers/parse-thread.js'

/** The parse thread, but each parse holds its thread for workerData.delayMs first, as a slow file would. */
export default function slowParseInThread(task: ThreadTask) {
  return parseTask(task, (bytes, limits) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, (workerData as { delayMs: number }).delayMs)
    return parse(bytes, limits)
  })
}
