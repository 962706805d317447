import { Writable } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'

/** A stream that records what is written to it; with `isTTY`, a terminal 120 columns wide (what draws a progress bar). */
export class Collect extends Writable {
  text = ''
  readonly columns = 120
  constructor(readonly isTTY = false) {
    super()
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString()
    done()
  }
}

/** Where one frame a terminal draws ends: a move to column 1 or a clear to the line's end (ESC [ 1 G, ESC [ 0 K), a new line. */
const FRAME_BREAK = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[GK]|\r|\n`)

/** What was drawn on a terminal, frame by frame, without escape codes. */
export function framesOf(text: string): string[] {
  return text
    .split(FRAME_BREAK)
    .map((f) => stripVTControlCharacters(f).trim())
    .filter((f) => f !== '')
}
