/**
 * Finds the root element of an XML document without parsing it: skips a UTF-8 BOM, leading
 * whitespace, the XML declaration, comments, processing instructions and a DOCTYPE.
 * Shared by format detection and the XML reader so both agree on what a document is.
 */

export interface Prolog {
  readonly rootName: string // local name, namespace prefix removed
  readonly hasBom: boolean
  readonly leadingWhitespace: boolean // whitespace before the first markup
  readonly hasDoctype: boolean
  readonly bodyStart: number // index of the first '<' after BOM and whitespace
}

/** The prolog is short in practice; a long one is not a workout file. */
const MAX_PROLOG_CHARS = 64 * 1024

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
}

/** Index just past the DOCTYPE, which may hold an internal subset in brackets. */
function skipDoctype(text: string, at: number): number {
  let depth = 0
  for (let i = at; i < text.length; i += 1) {
    const ch = text[i]
    if (ch === '[') depth += 1
    else if (ch === ']') depth -= 1
    else if (ch === '>' && depth <= 0) return i + 1
  }
  return -1
}

/** `text` is the start of the document, decoded as UTF-8 or Latin-1 (markup is ASCII). */
export function readProlog(text: string): Prolog | null {
  const limit = Math.min(text.length, MAX_PROLOG_CHARS)
  let i = 0
  const hasBom = text.charCodeAt(0) === 0xfeff || text.startsWith('\u00ef\u00bb\u00bf')
  if (hasBom) i = text.charCodeAt(0) === 0xfeff ? 1 : 3
  const afterBom = i
  while (i < limit && isSpace(text.charCodeAt(i))) i += 1
  const bodyStart = i
  let hasDoctype = false
  while (i < limit) {
    const code = text.charCodeAt(i)
    if (isSpace(code)) {
      i += 1
    } else if (code !== 0x3c /* < */) {
      return null
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2)
      if (end < 0) return null
      i = end + 2
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4)
      if (end < 0) return null
      i = end + 3
    } else if (text.startsWith('<!DOCTYPE', i)) {
      hasDoctype = true
      i = skipDoctype(text, i)
      if (i < 0) return null
    } else {
      const match = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(text.slice(i, i + 200))
      if (match === null) return null
      return { rootName: match[2] as string, hasBom, leadingWhitespace: bodyStart > afterBom, hasDoctype, bodyStart }
    }
  }
  return null
}
