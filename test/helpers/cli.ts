import { Writable } from 'node:stream'
import { main } from '../../src/cli/main.js'

class Collect extends Writable {
  text = ''
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString()
    done()
  }
}

/** Runs `fitledger …` in-process with its own environment and captured output. */
export async function runCli(args: string[], env: Record<string, string | undefined>, stopSignal?: Promise<string>) {
  const stdout = new Collect()
  const stderr = new Collect()
  const code = await main(args, { env, stdout, stderr, stopSignal: stopSignal ?? new Promise(() => {}) })
  return { code, stdout: stdout.text, stderr: stderr.text }
}
