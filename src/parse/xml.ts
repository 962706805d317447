/**
 * Bytes → a fast-xml-parser object tree, for GPX and TCX. The document is validated first:
 * the parser itself turns truncated XML into a partial tree without complaint.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { FitledgerError } from '../errors.js'

export interface XmlDocument {
  readonly root: Record<string, unknown> // the root element, namespace prefixes removed
  readonly flags: readonly string[]
}

/** Elements that may repeat; fast-xml-parser makes a single one an object otherwise. */
const REPEATED = new Set([
  'trk',
  'trkseg',
  'trkpt',
  'rte',
  'wpt',
  'Activity',
  'Lap',
  'Track',
  'Trackpoint',
  'NextSport',
  'MultiSportSession',
])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // NOTE: gpx/sports-lib__6037744996.gpx and tcx/rowingdata__recover.tcx use a namespace prefix
  // they never declare. We read elements by local name, so the prefix does not matter.
  removeNSPrefix: true,
  processEntities: false, // no entity expansion at all; xml-node.ts decodes the five predefined ones
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => REPEATED.has(name),
})

function encodingOf(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256))
  const match = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)
  return match?.[1]?.toLowerCase() ?? 'utf-8'
}

function decode(bytes: Uint8Array): string {
  const label = encodingOf(bytes)
  try {
    return new TextDecoder(label).decode(bytes) // strips a UTF-8 BOM
  } catch {
    return new TextDecoder('utf-8').decode(bytes) // an unknown label: UTF-8 is the XML default
  }
}

function isSpace(code: number | undefined): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
}

export function readXml(bytes: Uint8Array, rootName: string): XmlDocument {
  const flags: string[] = []
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  if (hasBom) flags.push('bom')
  if (isSpace(bytes[hasBom ? 3 : 0])) flags.push('leading_whitespace')
  // NOTE: tcx/rowingdata__testtcs_210614.tcx and tcx/sports-lib__6281425038.tcx put whitespace
  // before the XML declaration, which XML forbids; dropping it loses nothing.
  let text = decode(bytes).replace(/^[\uFEFF\s]+/, '')
  if (text.includes('<!DOCTYPE')) {
    // Entity declarations are how XML bombs and external-entity reads work; no workout file needs one.
    throw new FitledgerError('corrupt_file', 'DOCTYPE is not allowed')
  }
  if (text.includes('\u0000')) {
    // NOTE: tcx/rowingdata__invalidchar.tcx pads a Creator Name with NUL bytes. NUL is not an
    // XML character, but dropping it is safe and keeps the rest of a real device file.
    text = text.replaceAll('\u0000', '')
    flags.push('invalid_xml_chars')
  }
  const verdict = XMLValidator.validate(text)
  if (verdict !== true) {
    const { msg, line, col } = verdict.err
    throw new FitledgerError('corrupt_file', `the XML is not well-formed at line ${line}, column ${col}`, {
      cause: new Error(msg),
    })
  }
  let tree: Record<string, unknown>
  try {
    tree = parser.parse(text) as Record<string, unknown>
  } catch (cause) {
    throw new FitledgerError('corrupt_file', 'the XML could not be read', { cause })
  }
  const root = tree[rootName]
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new FitledgerError('corrupt_file', `the document has no <${rootName}> element`)
  }
  return { root: root as Record<string, unknown>, flags }
}
