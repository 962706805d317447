import { Encoder, type FileIdMesg, type RecordMesg } from '@garmin/fitsdk'
import { describe, expect, it } from 'vitest'
import { encodeFit, encodeFitSessionWithoutTime, type ActivitySpec, type SessionSpec } from '../../../fixtures/encode/index.js'
import { fitEnum, mesgNum, write } from '../../../fixtures/encode/fit-profile.js'
import { FitledgerError } from '../../../src/errors.js'
import { parse } from '../../../src/parse/index.js'
import { splitFitChain } from '../../../src/parse/fit/chain.js'

const LIMITS = { maxUncompressedBytes: 1e8 }
const T0 = Date.UTC(2024, 5, 1, 6, 0, 0)

function steady(start_ms: number, fit: string, seconds: number, hr: number, fit_sub_sport?: string): SessionSpec {
  const time_s = Array.from({ length: seconds + 1 }, (_, i) => i)
  return {
    start_ms,
    sport: fit_sub_sport === undefined ? { fit } : { fit, fit_sub_sport },
    samples: { time_s, heart_rate_bpm: time_s.map(() => hr), distance_m: time_s.map((t) => t * 2) },
  }
}

const RUN: ActivitySpec = { sessions: [steady(T0, 'running', 300, 140)] }

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function settingsFile(): Uint8Array {
  const encoder = new Encoder()
  write<FileIdMesg>(encoder, mesgNum('FILE_ID'), {
    type: fitEnum('file', 'settings'),
    manufacturer: fitEnum('manufacturer', 'garmin'),
    product: 1,
  })
  return encoder.close()
}

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await parse(bytes, LIMITS)
    return 'none'
  } catch (err) {
    return err instanceof FitledgerError ? err.code : 'not a FitledgerError'
  }
}

describe('FIT sessions', () => {
  it('a triathlon → one activity per session, transition included', async () => {
    const spec: ActivitySpec = {
      sessions: [
        steady(T0, 'swimming', 600, 130, 'open_water'),
        steady(T0 + 601_000, 'transition', 60, 150),
        steady(T0 + 662_000, 'cycling', 1200, 145, 'road'),
      ],
    }
    const parsed = await parse(encodeFit(spec), LIMITS)
    expect(
      parsed.map((a) => [
        a.session_index,
        a.declared_sport,
        a.declared_sub_sport,
        a.start_ms - T0,
        a.columns.time_s.length,
        a.totals.elapsed_s,
      ]),
    ).toEqual([
      [0, 'swimming', 'open_water', 0, 601, 600],
      [1, 'transition', null, 601_000, 61, 60],
      [2, 'cycling', 'road', 662_000, 1201, 1200],
    ])
    expect(Array.from(new Set(parsed[1]?.columns.heart_rate_bpm))).toEqual([150])
  })

  it('records without any session message → one activity from the records', async () => {
    const encoder = new Encoder()
    write<FileIdMesg>(encoder, mesgNum('FILE_ID'), {
      type: fitEnum('file', 'activity'),
      manufacturer: fitEnum('manufacturer', 'development'),
    })
    for (let t = 0; t <= 10; t += 1)
      write<RecordMesg>(encoder, mesgNum('RECORD'), { timestamp: new Date(T0 + t * 1000), heartRate: 100 + t })
    const [a] = await parse(encoder.close(), LIMITS)
    expect(a?.start_ms).toBe(T0)
    expect(a?.flags).toContain('no_session')
    expect(a?.totals.elapsed_s).toBeNull()
    expect(Array.from(a?.columns.heart_rate_bpm ?? [])).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110])
  })
})

describe('FIT files without a usable time', () => {
  // Issue 10, item 6: this retried six times and ended `internal` (a NaN start reached Postgres).
  it('a session with neither start_time nor timestamp, and no record → no_activity_data', async () => {
    expect(await codeOf(encodeFitSessionWithoutTime())).toBe('no_activity_data')
  })
})

describe('FIT chains and damage', () => {
  it('splits a chain at each header: part length = header + data size + 2', () => {
    const a = encodeFit(RUN)
    const b = settingsFile()
    const chain = splitFitChain(concat(a, b))
    expect(chain.parts.map((p) => p.bytes.length)).toEqual([a.length, b.length])
    expect(chain.trailingBytes).toBe(0)
  })

  it('activity + activity → two activities flagged chained_fit', async () => {
    const second: ActivitySpec = { sessions: [steady(T0 + 3600_000, 'cycling', 100, 120)] }
    const parsed = await parse(concat(encodeFit(RUN), encodeFit(second)), LIMITS)
    expect(parsed.map((a) => [a.session_index, a.declared_sport, a.columns.time_s.length])).toEqual([
      [0, 'running', 301],
      [1, 'cycling', 101],
    ])
    expect(parsed.every((a) => a.flags.includes('chained_fit'))).toBe(true)
  })

  it('activity + settings → the activity alone', async () => {
    const parsed = await parse(concat(encodeFit(RUN), settingsFile()), LIMITS)
    expect(parsed.map((a) => a.declared_sport)).toEqual(['running'])
  })

  it('heart rate only in chained hr messages is merged by time', async () => {
    const time_s = Array.from({ length: 61 }, (_, i) => i)
    const swim: ActivitySpec = {
      hr_in_chained_file: true,
      sessions: [
        {
          start_ms: T0,
          sport: { fit: 'swimming', fit_sub_sport: 'lap_swimming' },
          samples: { time_s, heart_rate_bpm: time_s.map((t) => 100 + t) },
        },
      ],
    }
    const [a] = await parse(encodeFit(swim), LIMITS)
    expect(a?.flags).toEqual(expect.arrayContaining(['chained_fit', 'hr_merged']))
    expect(Array.from(a?.columns.heart_rate_bpm ?? [])).toEqual(time_s.map((t) => 100 + t))
  })

  it('a truncated file keeps its complete records', async () => {
    const whole = encodeFit(RUN)
    const [a] = await parse(whole.subarray(0, Math.floor(whole.length * 0.6)), LIMITS)
    expect(a?.flags).toContain('truncated')
    expect(a?.columns.time_s.length).toBeGreaterThan(100)
    expect(a?.columns.time_s.length).toBeLessThan(301)
    expect(a?.columns.heart_rate_bpm?.[50]).toBe(140)
  })

  it('a wrong file CRC is flagged, the data kept', async () => {
    const bytes = encodeFit(RUN).slice()
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff
    const [a] = await parse(bytes, LIMITS)
    expect(a?.flags).toContain('bad_crc')
    expect(a?.columns.time_s.length).toBe(301)
  })

  it('bytes after the last file that are no FIT header are ignored and flagged', async () => {
    const [a] = await parse(concat(encodeFit(RUN), new TextEncoder().encode('garbage')), LIMITS)
    expect(a?.flags).toContain('trailing_bytes')
  })

  it.each([
    { name: 'a settings file', bytes: settingsFile(), code: 'no_activity_data' },
    { name: 'a header and nothing else', bytes: encodeFit(RUN).subarray(0, 14), code: 'corrupt_file' },
    { name: 'a header and garbage', bytes: concat(encodeFit(RUN).subarray(0, 14), new Uint8Array(64).fill(0x0f)), code: 'corrupt_file' },
    { name: 'fewer than 12 bytes', bytes: encodeFit(RUN).subarray(0, 8), code: 'unsupported_format' },
    { name: 'an empty file', bytes: new Uint8Array(0), code: 'unsupported_format' },
  ])('$name → $code', async ({ bytes, code }) => {
    expect(await codeOf(bytes)).toBe(code)
  })
})
