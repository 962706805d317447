import yazl from 'yazl'

export interface ZipInput {
  readonly name: string
  readonly bytes: Uint8Array
  /** Deflate (default) or store. */
  readonly compress?: boolean
}

/** A zip in memory, built with yazl: test archives of any shape, hostile names included. */
export function buildZip(entries: readonly ZipInput[]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const e of entries) zip.addBuffer(Buffer.from(e.bytes), e.name, { compress: e.compress ?? true })
  zip.end()
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

/**
 * yazl refuses hostile names such as `../../x.fit`; tests write a same-length placeholder and
 * patch it in both headers afterwards (names carry no checksum in a plain zip).
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('a patched name must keep its length')
  const out = Buffer.from(zip)
  const needle = Buffer.from(from)
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) out.write(to, at)
  return out
}
