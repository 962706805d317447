import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

/** How long a connection whose body we stopped reading is drained before it is cut. */
const DRAIN_MS = 5_000

/**
 * An answer sent before the request body was read to its end (a 413 half way, a 401 or 503 before
 * the body, a malformed part) leaves the rest of the body on the wire. That connection cannot
 * carry another request, so the answer says `connection: close`. Node then closes the socket
 * as soon as the answer is written, and closing with unread bytes makes the kernel send a reset
 * that can overtake the answer: the client, still sending, sees EPIPE instead of its 413. So
 * such a connection is closed the way HTTP/1.1 (RFC 9112, 9.6) asks: half-close after the
 * answer, read and discard what still comes for a bounded while, then close.
 */
export function closeAfterUnreadBody(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // `=== false`: inject()'s stand-in request has no `complete`, and no socket to linger on.
    if (request.raw.complete === false) {
      void reply.header('connection', 'close')
      const socket = request.raw.socket
      socket.destroySoon = () => lingeringClose(request.raw, socket)
    }
    return payload
  })
  app.addHook('onRequestAbort', async (request) => {
    request.log.info('request aborted by the client')
  })
}

function lingeringClose(body: IncomingMessage, socket: Socket): void {
  socket.end()
  body.unpipe()
  body.resume()
  const cut = setTimeout(() => socket.destroy(), DRAIN_MS)
  cut.unref()
  socket.once('close', () => clearTimeout(cut))
}
