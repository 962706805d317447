import { describe, expect, it } from 'vitest'
import { startProgress } from '../../../src/cli/progress.js'
import { Collect, framesOf } from '../../helpers/terminal.js'

// Issue 12, item 4: the import bar started full at `0/0 files` and showed `ETA 0s` before
// anything was counted, and drew nothing at all where stderr is not a terminal.

/** A terminal, or a pipe, that records each frame. */
class Screen extends Collect {
  frames = () => framesOf(this.text)
}

/** A clock the test moves by hand. */
function clock() {
  let ms = 1_000_000
  return { now: () => ms, advance: (by: number) => (ms += by) }
}

describe('the progress bar on a terminal', () => {
  it('counts before it draws a bar: no bar and no ETA while the total is unknown', () => {
    const screen = new Screen(true)
    const progress = startProgress(screen, 'importing')
    const [first] = screen.frames()
    progress.stop()
    expect(first).toBe('importing: counting files… 0 found')
    expect(screen.text).not.toContain('0/0')
  })

  it('says what it has found while it counts, then an empty bar without an ETA', () => {
    const screen = new Screen(true)
    const t = clock()
    const progress = startProgress(screen, 'importing', t.now)
    progress.grow(40)
    progress.tick(3)
    expect(progress.line()).toBe('importing: counting files… 40 found, 3 done')
    progress.counted()
    expect(progress.line()).toBe(`importing |${'█'.repeat(3)}${'░'.repeat(37)}| 3/40 files`)
    progress.stop()
    expect(screen.frames().some((f) => f.includes('ETA'))).toBe(false)
  })

  it('gives a rate and an ETA once they mean something', () => {
    const t = clock()
    const progress = startProgress(new Screen(true), 'importing', t.now)
    progress.grow(100)
    progress.counted()
    progress.tick(1)
    t.advance(500)
    expect(progress.line()).not.toContain('ETA') // half a second and one file say nothing yet
    t.advance(4500)
    progress.tick(19)
    // 20 files in 5 s = 4.0 files/s; 80 left / 4 per s = 20 s
    expect(progress.line()).toBe(`importing |${'█'.repeat(8)}${'░'.repeat(32)}| 20/100 files | 4.0 files/s | ETA 20s`)
    t.advance(60_000)
    progress.tick(10)
    // 30 in 65 s = 0.46 files/s; 70 left / (30/65) = 151.7 s → 2m 32s
    expect(progress.line()).toContain('ETA 2m 32s')
    progress.stop()
  })

  it('never shows a full bar for nothing to do', () => {
    const screen = new Screen(true)
    const progress = startProgress(screen, 'checking')
    progress.counted()
    expect(progress.line()).toBe('checking: no files found')
    progress.stop()
    expect(screen.text).not.toContain('█')
  })
})

describe('progress where stderr is not a terminal', () => {
  it('prints a plain line now and then, never a bar or an escape code', () => {
    const pipe = new Screen(false)
    const t = clock()
    const progress = startProgress(pipe, 'importing', t.now)
    progress.grow(500)
    progress.counted()
    progress.tick(10)
    t.advance(3_000)
    progress.tick(10)
    expect(pipe.text).toBe('') // a short run prints nothing besides its summary
    t.advance(7_000)
    progress.tick(30)
    t.advance(1_000)
    progress.tick(1)
    progress.stop()
    // 50 files in 10 s = 5.0 files/s; 450 left / 5 = 90 s → 1m 30s
    expect(pipe.text).toBe('importing: 50/500 files | 5.0 files/s | ETA 1m 30s\n')
  })
})
