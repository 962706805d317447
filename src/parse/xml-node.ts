/** Reading values out of fast-xml-parser nodes, whose shape varies with the document. */

export type XmlNode = Record<string, unknown>

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes the predefined entities and character references; anything else is left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[ref] ?? whole
  })
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

export function child(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as XmlNode)[name] : undefined
}

/** The element's text; a repeated element gives its first occurrence. */
export function textOf(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  if (typeof first === 'string') return first
  if (typeof first === 'number') return String(first)
  if (first !== null && typeof first === 'object') return textOf((first as XmlNode)['#text'])
  return null
}

/** The element's text as a number, or NaN when absent or not a number. */
export function numberOf(value: unknown): number {
  const text = textOf(value)
  if (text === null) return Number.NaN
  const trimmed = text.trim()
  return trimmed === '' ? Number.NaN : Number(trimmed)
}

/** Display text: entities decoded, control characters removed, blank → null. */
export function labelOf(value: unknown): string | null {
  const text = textOf(value)
  if (text === null) return null
  const clean = decodeEntities(text)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
  return clean === '' ? null : clean
}
