import { gzipSync } from 'node:zlib'
import fc from 'fast-check'

/** How one input is bent out of shape; applied to a seed file's bytes. */
export type Mutation =
  | { readonly kind: 'truncate'; readonly at: number } // fraction of the length
  | { readonly kind: 'flip'; readonly at: number; readonly value: number }
  | { readonly kind: 'flip_many'; readonly at: readonly number[]; readonly value: number }
  | { readonly kind: 'fit_data_size'; readonly value: number } // the header's data size
  | { readonly kind: 'fit_field_count'; readonly nth: number; readonly value: number } // a definition's field count
  | { readonly kind: 'xml_shuffle'; readonly seed: number }
  | { readonly kind: 'xml_nest'; readonly depth: number }
  | { readonly kind: 'xml_entity' }
  | { readonly kind: 'gzip' }
  | { readonly kind: 'gzip_truncated'; readonly at: number }

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('flip_many' as const),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('fit_data_size' as const),
    value: fc.oneof(fc.constant(0xffffffff), fc.integer({ min: 0, max: 2 ** 31 })),
  }),
  fc.record({
    kind: fc.constant('fit_field_count' as const),
    nth: fc.integer({ min: 0, max: 20 }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('xml_shuffle' as const), seed: fc.integer() }),
  fc.record({ kind: fc.constant('xml_nest' as const), depth: fc.integer({ min: 10, max: 20_000 }) }),
  fc.constant({ kind: 'xml_entity' as const }),
  fc.constant({ kind: 'gzip' as const }),
  fc.record({ kind: fc.constant('gzip_truncated' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
)

const index = (bytes: Uint8Array, fraction: number) => Math.min(bytes.length - 1, Math.floor(fraction * bytes.length))

/** Offsets of FIT definition messages (for field-count mutations), by a light walk of headers. */
function definitionOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = []
  const headerSize = bytes[0] ?? 14
  for (let i = headerSize; i + 6 < bytes.length && offsets.length < 32; i++) {
    // A definition header (0x40 | local type) followed by a reserved 0 and an architecture 0/1.
    if ((bytes[i]! & 0xf0) === 0x40 && bytes[i + 1] === 0 && (bytes[i + 2] === 0 || bytes[i + 2] === 1)) offsets.push(i)
  }
  return offsets
}

function shuffleLines(text: string, seed: number): string {
  const lines = text.split('\n')
  let s = seed >>> 0 || 1
  for (let i = lines.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0
    const j = s % (i + 1)
    ;[lines[i], lines[j]] = [lines[j]!, lines[i]!]
  }
  return lines.join('\n')
}

export function applyMutation(seed: Uint8Array, m: Mutation): Uint8Array {
  const bytes = new Uint8Array(seed)
  const text = () => Buffer.from(seed).toString('utf8')
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, Math.floor(m.at * bytes.length))
    case 'flip':
      bytes[index(bytes, m.at)] = m.value
      return bytes
    case 'flip_many':
      for (const at of m.at) bytes[index(bytes, at)] = m.value
      return bytes
    case 'fit_data_size':
      if (bytes.length >= 8) new DataView(bytes.buffer).setUint32(4, m.value, true)
      return bytes
    case 'fit_field_count': {
      const offsets = definitionOffsets(bytes)
      const at = offsets[m.nth % Math.max(1, offsets.length)]
      if (at !== undefined && at + 5 < bytes.length) bytes[at + 5] = m.value
      return bytes
    }
    case 'xml_shuffle':
      return Buffer.from(shuffleLines(text(), m.seed))
    case 'xml_nest': {
      const t = text()
      const at = t.indexOf('>', t.indexOf('<', t.indexOf('?>') + 2)) + 1
      return Buffer.from(`${t.slice(0, at)}${'<x>'.repeat(m.depth)}${'</x>'.repeat(m.depth)}${t.slice(at)}`)
    }
    case 'xml_entity': {
      const t = text()
      const at = t.indexOf('?>') + 2
      return Buffer.from(`${t.slice(0, at)}<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>${t.slice(at)}`)
    }
    case 'gzip':
      return gzipSync(seed)
    case 'gzip_truncated': {
      const gz = gzipSync(seed)
      return gz.subarray(0, Math.max(2, Math.floor(m.at * gz.length)))
    }
  }
}
