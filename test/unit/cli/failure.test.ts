import { describe, expect, it } from 'vitest'
import { describeFailure } from '../../../src/cli/failure.js'
import { postgresDownHint, redisDownHint } from '../../../src/cli/service-hints.js'

describe('a command that fails', () => {
  const bug = new TypeError("Cannot read properties of undefined (reading 'id')")

  it('on a bug prints one line that says so, and how to see more', () => {
    const { code, lines } = describeFailure(bug, {})
    expect(code).toBe(70)
    expect(lines).toEqual([
      "fitledger: unexpected error: Cannot read properties of undefined (reading 'id'). This is a bug in fitledger; run again with LOG_LEVEL=debug to see where it happened.",
    ])
  })

  it('on a bug with LOG_LEVEL=debug adds the stack', () => {
    const { lines } = describeFailure(bug, { LOG_LEVEL: 'debug' })
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(bug.stack)
  })

  it.each([
    {
      err: Object.assign(new Error('x'), { code: 'EACCES', syscall: 'open', path: '/root/secret.fit' }),
      line: 'fitledger: /root/secret.fit: permission denied',
    },
    {
      err: Object.assign(new Error('x'), { code: 'EACCES', syscall: 'listen', address: '127.0.0.1', port: 80 }),
      line: 'fitledger: 127.0.0.1:80 needs privileges to listen on: set PORT to 1024 or above',
    },
    {
      err: Object.assign(new Error('x'), { code: 'EADDRNOTAVAIL', syscall: 'listen', address: '10.9.9.9', port: 3000 }),
      line: 'fitledger: 10.9.9.9:3000 is not an address of this machine: set HOST to one of its addresses (or 0.0.0.0)',
    },
  ])('on $line', ({ err, line }) => {
    expect(describeFailure(err, {})).toEqual({ code: 1, lines: [line] })
  })
})

describe('start-up hints', () => {
  it.each([
    { url: 'postgres://postgres@127.0.0.1:5432/fitledger', hint: 'Start it with: pg_ctlcluster' },
    { url: 'postgres://postgres@localhost/fitledger', hint: 'Start it with: pg_ctlcluster' },
    { url: 'postgres://postgres@127.0.0.1:5498/fitledger', hint: 'nothing answers there' },
    { url: 'postgres://postgres@db.internal:5432/fitledger', hint: 'nothing answers there' },
  ])('Postgres at $url: $hint', ({ url, hint }) => {
    expect(postgresDownHint(url)).toContain(hint)
  })

  it.each([
    { url: 'redis://127.0.0.1:6379', hint: '--port 6379' },
    { url: 'redis://localhost', hint: '--port 6379' },
    { url: 'redis://127.0.0.1:6398/2', hint: '--port 6398' },
    { url: 'redis://cache.internal:6379', hint: 'nothing answers there' },
  ])('Redis at $url: $hint', ({ url, hint }) => {
    expect(redisDownHint(url)).toContain(hint)
  })
})
