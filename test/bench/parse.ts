/**
 * Parse speed per format, beside fit-file-parser alone on the same FIT bytes, and the peak
 * memory of parsing and analysing the longest corpus file.   npx tsx test/bench/parse.ts
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import FitParser from 'fit-file-parser'
import { generateWorkload } from '../../fixtures/workload.js'
import { summariseActivity } from '../../src/analyse/summarise.js'
import { EMPTY_PROFILE } from '../../src/model.js'
import { parse } from '../../src/parse/index.js'
import { CORPUS_DIR, HAVE_CORPUS } from '../helpers/corpus.js'
import { machineLine, median } from './lib/machine.js'

const LIMITS = { maxUncompressedBytes: 1 << 30 }
const ROUNDS = 5

async function mbPerS(files: readonly Uint8Array[], run: (bytes: Uint8Array) => Promise<unknown>): Promise<number> {
  const mb = files.reduce((s, f) => s + f.length, 0) / 1e6
  for (const f of files) await run(f) // warm-up
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now()
    for (const f of files) await run(f)
    times.push((performance.now() - t0) / 1000)
  }
  return mb / median(times)
}

/** One complete FIT file and nothing else: what fit-file-parser reads without tripping. */
function isPlainFit(bytes: Uint8Array): boolean {
  if (bytes.length < 14) return false
  const header = bytes[0]!
  const dataSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true)
  return header + dataSize + 2 === bytes.length
}

const fitFileParser = (bytes: Uint8Array) =>
  new FitParser({ force: true, mode: 'list', speedUnit: 'm/s', lengthUnit: 'm' }).parseAsync(Buffer.from(bytes))

function corpusFiles(ext: string): Uint8Array[] {
  if (!HAVE_CORPUS) return []
  return readdirSync(join(CORPUS_DIR, ext))
    .filter((n) => n.toLowerCase().endsWith(`.${ext}`))
    .map((n) => readFileSync(join(CORPUS_DIR, ext, n)))
    .filter((b) => b.length > 0)
}

/** Parses only the readable ones: the bench measures speed, the corpus sweep correctness. */
async function readable(files: Uint8Array[]): Promise<Uint8Array[]> {
  const ok: Uint8Array[] = []
  for (const f of files)
    if (
      await parse(f, LIMITS).then(
        () => true,
        () => false,
      )
    )
      ok.push(f)
  return ok
}

async function main(): Promise<void> {
  console.log(machineLine())
  const generated = generateWorkload(60).filter((f) => !f.name.endsWith('.gz'))
  for (const ext of ['fit', 'tcx', 'gpx']) {
    const sets: [string, Uint8Array[]][] = [
      ['generated', generated.filter((f) => f.name.endsWith(ext)).map((f) => f.bytes)],
      ['corpus', await readable(corpusFiles(ext))],
    ]
    for (const [label, files] of sets) {
      if (files.length === 0) continue
      const ours = await mbPerS(files, (b) => parse(b, LIMITS))
      const mb = (files.reduce((s, f) => s + f.length, 0) / 1e6).toFixed(1)
      const plain = files.filter(isPlainFit)
      const beside =
        ext === 'fit'
          ? `; on the ${plain.length} plain ones: ours ${(await mbPerS(plain, (b) => parse(b, LIMITS))).toFixed(1)} MB/s, fit-file-parser alone ${(await mbPerS(plain, fitFileParser)).toFixed(1)} MB/s`
          : ''
      console.log(
        `${ext} ${label.padEnd(9)} ${String(files.length).padStart(3)} files ${mb.padStart(5)} MB: parse ${ours.toFixed(1)} MB/s${beside}`,
      )
    }
  }
  if (process.argv[2] === '--rss') return
  // Peak RSS in a process of its own, as a worker would parse and analyse the longest file.
  if (!HAVE_CORPUS) return
  const all = ['fit', 'gpx', 'tcx', 'gz'].flatMap((d) => readdirSync(join(CORPUS_DIR, d)).map((n) => join(CORPUS_DIR, d, n)))
  const size = (p: string) => (p.endsWith('.gz') ? gunzipSync(readFileSync(p)).length : readFileSync(p).length)
  const longest = all.reduce((a, b) => (size(b) > size(a) ? b : a))
  const child = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--rss', longest], { encoding: 'utf8' })
  console.log(child.stdout.trim() || child.stderr.trim())
}

async function measureRss(file: string): Promise<void> {
  const bytes = readFileSync(file)
  for (const activity of await parse(bytes, LIMITS)) summariseActivity(activity, EMPTY_PROFILE)
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
  console.log(
    `peak RSS parsing and analysing the longest corpus file (${file.split('/').slice(-2).join('/')}, ${(bytes.length / 1e6).toFixed(1)} MB on disk): ${(Number(hwm) / 1024).toFixed(0)} MiB`,
  )
}

if (process.argv[2] === '--rss') await measureRss(process.argv[3]!)
else await main()
