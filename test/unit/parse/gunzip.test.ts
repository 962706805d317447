import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { FitledgerError } from '../../../src/errors.js'
import { parse } from '../../../src/parse/index.js'
import { gunzipCapped } from '../../../src/parse/gunzip.js'

const GPX =
  '<?xml version="1.0"?><gpx><trk><type>9</type><trkseg>' +
  '<trkpt lat="1" lon="1"><time>2024-01-01T00:00:00Z</time></trkpt>' +
  '<trkpt lat="1" lon="1.001"><time>2024-01-01T00:00:10Z</time></trkpt>' +
  '</trkseg></trk></gpx>'

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'none'
  } catch (err) {
    return err instanceof FitledgerError ? err.code : 'not a FitledgerError'
  }
}

describe('gunzip with a cap', () => {
  it('inflates within the cap', async () => {
    const out = await gunzipCapped(gzipSync(Buffer.from('hello')), 5)
    expect(new TextDecoder().decode(out)).toBe('hello')
  })

  it('stops a gzip bomb: 64 MiB of zeros with a 1 MiB cap → too_large', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)) // about 64 KiB compressed
    expect(bomb.length).toBeLessThan(128 * 1024)
    expect(await codeOf(parse(bomb, { maxUncompressedBytes: 1024 * 1024 }))).toBe('too_large')
  })

  it.each([
    { name: 'truncated gzip stream', input: gzipSync(Buffer.from(GPX)).subarray(0, 20), code: 'corrupt_file' },
    { name: 'gzip inside gzip', input: gzipSync(gzipSync(Buffer.from(GPX))), code: 'unsupported_format' },
    { name: 'gzip of plain text', input: gzipSync(Buffer.from('not a workout')), code: 'unsupported_format' },
  ])('$name → $code', async ({ input, code }) => {
    expect(await codeOf(parse(input, { maxUncompressedBytes: 1e6 }))).toBe(code)
  })

  it('a gzipped GPX parses and is flagged compressed', async () => {
    const [activity] = await parse(gzipSync(Buffer.from(GPX)), { maxUncompressedBytes: 1e6 })
    expect(activity?.compressed).toBe(true)
    expect(activity?.declared_sport).toBe('run')
    expect(Array.from(activity?.columns.time_s ?? [])).toEqual([0, 10])
  })
})
