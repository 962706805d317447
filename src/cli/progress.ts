import cliProgress from 'cli-progress'

export interface Progress {
  grow(by: number): void
  tick(by?: number): void
  stop(): void
}

/**
 * A progress bar with files per second and an ETA, on stderr so stdout stays clean for the
 * summary. cli-progress draws nothing when the stream is not a terminal (logs, tests).
 */
export function startProgress(stream: NodeJS.WritableStream, label: string, now: () => number = Date.now): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} |{bar}| {value}/{total} files | {rate} files/s | ETA {eta_formatted}`,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  const started = now()
  let total = 0
  let value = 0
  bar.start(0, 0, { rate: '0.0' })
  const rate = () => (value / Math.max((now() - started) / 1000, 0.001)).toFixed(1)
  return {
    grow(by) {
      total += by
      bar.setTotal(total)
    },
    tick(by = 1) {
      value += by
      bar.update(value, { rate: rate() })
    },
    stop: () => bar.stop(),
  }
}
