import { connect, type Socket } from 'node:net'

/** One HTTP/1.1 response as read off a raw socket. */
export interface RawResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * A client socket that reads responses as they come, whatever the client is still writing: what
 * fetch() and inject() cannot show (a 413 read before EPIPE, a connection left hanging).
 */
export class RawClient {
  private buffer = Buffer.alloc(0)
  private waiter: (() => void) | null = null
  /** The first socket error, in the order it happened relative to the responses read. */
  error: NodeJS.ErrnoException | null = null
  ended = false
  closed = false

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.wake()
    })
    socket.on('end', () => {
      this.ended = true
      this.wake()
    })
    socket.on('error', (err) => {
      this.error ??= err
      this.wake()
    })
    socket.on('close', () => {
      this.closed = true
      this.wake()
    })
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect({ host: '127.0.0.1', port })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    return new RawClient(socket)
  }

  /** Writes unless the socket is gone; never throws (the error is kept in `error`). */
  write(data: string | Uint8Array): Promise<void> {
    if (this.socket.destroyed || this.socket.writableEnded) return Promise.resolve()
    return new Promise((resolve) => this.socket.write(data, () => resolve()))
  }

  /**
   * The next complete response, or null when the server closed the connection before sending
   * one. Throws after `failAfterMs` with nothing complete: that is a hang, the bug under test.
   */
  async response(failAfterMs = 15_000): Promise<RawResponse | null> {
    const deadline = Date.now() + failAfterMs
    for (;;) {
      const parsed = this.parse()
      if (parsed) return parsed
      if (this.ended || this.closed) return null
      const left = deadline - Date.now()
      if (left <= 0)
        throw new Error(
          `no response within ${failAfterMs} ms; the connection hangs (read so far: ${JSON.stringify(this.buffer.toString('latin1').slice(0, 200))})`,
        )
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiter = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  /** Resolves once the server has closed its side; throws after `failAfterMs`. */
  async serverClosed(failAfterMs = 15_000): Promise<void> {
    const deadline = Date.now() + failAfterMs
    while (!this.ended && !this.closed) {
      if (Date.now() > deadline) throw new Error(`the server kept the connection open for ${failAfterMs} ms`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  destroy(): void {
    this.socket.destroy()
  }

  private wake(): void {
    const w = this.waiter
    this.waiter = null
    w?.()
  }

  private parse(): RawResponse | null {
    const end = this.buffer.indexOf('\r\n\r\n')
    if (end < 0) return null
    const [statusLine = '', ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n')
    const headers: Record<string, string> = {}
    for (const line of lines) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = Number(headers['content-length'] ?? 0)
    if (this.buffer.length < end + 4 + length) return null
    const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')
    this.buffer = this.buffer.subarray(end + 4 + length)
    return { status: Number(statusLine.split(' ')[1]), headers, body }
  }
}

/** A request head; `headers` go out exactly as given (no Content-Length is added). */
export function requestHead(method: string, path: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`)
  return [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', ...lines, '', ''].join('\r\n')
}
