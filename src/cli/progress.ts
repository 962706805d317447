import cliProgress from 'cli-progress'

export interface Progress {
  /** More files are known to come (a folder listed, an archive's directory read). */
  grow(by: number): void
  /** Every file there is has been found: the total is final, and a bar can be drawn. */
  counted(): void
  tick(by?: number): void
  /** The line as it would be drawn now. */
  line(): string
  stop(): void
}

/** A rate or an ETA from less than this, or from fewer files, says nothing yet. */
const MEANINGFUL_AFTER_MS = 3000
const MEANINGFUL_AFTER_FILES = 5
/** Where stderr is not a terminal (a log, CI), a plain line at most this often. */
const PLAIN_EVERY_MS = 10_000
const BAR_SIZE = 40

/** `20s`, `2m 32s`, `1h 05m`. */
function duration(s: number): string {
  const whole = Math.round(s)
  if (whole < 60) return `${whole}s`
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`
}

/**
 * Progress on stderr, so stdout stays clean for the summary, and honest from the first frame
 * (issue 12, item 4): while files are still being found it says how many, with no bar; the bar
 * comes once the total is known, and a rate and an ETA once enough has been done to mean
 * something. On a terminal cli-progress draws and redraws the line; elsewhere a plain line is
 * printed every PLAIN_EVERY_MS at most, so a short run prints nothing but its summary.
 */
export function startProgress(stream: NodeJS.WritableStream, label: string, now: () => number = Date.now): Progress {
  const started = now()
  let total = 0
  let done = 0
  let known = false

  const figures = (): string => {
    const elapsedMs = now() - started
    const parts = [`${done}/${total} files`]
    if (elapsedMs >= MEANINGFUL_AFTER_MS && done >= MEANINGFUL_AFTER_FILES) {
      const rate = done / (elapsedMs / 1000)
      parts.push(`${rate.toFixed(1)} files/s`, `ETA ${duration((total - done) / rate)}`)
    }
    return parts.join(' | ')
  }
  const text = (bar: boolean): string => {
    if (!known) return `${label}: counting files… ${total} found${done > 0 ? `, ${done} done` : ''}`
    if (total === 0) return `${label}: no files found`
    if (!bar) return `${label}: ${figures()}`
    const full = Math.round((Math.min(done, total) / total) * BAR_SIZE)
    return `${label} |${'█'.repeat(full)}${'░'.repeat(BAR_SIZE - full)}| ${figures()}`
  }

  if ((stream as { isTTY?: boolean }).isTTY !== true) {
    let printed = started
    const maybePrint = () => {
      if (now() - printed < PLAIN_EVERY_MS) return
      printed = now()
      stream.write(`${text(false)}\n`)
    }
    return {
      grow: (by) => void (total += by),
      counted: () => void (known = true),
      tick(by = 1) {
        done += by
        maybePrint()
      },
      line: () => text(false),
      stop: () => {},
    }
  }

  const bar = new cliProgress.SingleBar({ stream, format: () => text(true), hideCursor: true, clearOnComplete: true })
  bar.start(1, 0)
  const redraw = () => bar.update(0)
  return {
    grow(by) {
      total += by
      redraw()
    },
    counted() {
      known = true
      redraw()
    },
    tick(by = 1) {
      done += by
      redraw()
    },
    line: () => text(true),
    stop: () => bar.stop(),
  }
}
