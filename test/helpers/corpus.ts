import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** ../shared/corpus beside the repository: read in place, never copied. */
export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url))
export const HAVE_CORPUS = existsSync(CORPUS_DIR)

/**
 * Tests that read the corpus are skipped on a user's clone without ../shared. CI always has it:
 * with CI=true they run, and a missing corpus fails them (and test-setup.test.ts says why).
 */
export const SKIP_WITHOUT_CORPUS = !HAVE_CORPUS && process.env.CI !== 'true'

export function corpusFile(relative: string): Buffer {
  return readFileSync(`${CORPUS_DIR}${relative}`)
}

export interface ManifestRow {
  readonly file: string
  readonly format: string
  readonly declared_sport: string
  readonly has_hr: string
  readonly duration_s: string
  readonly notes: string
}

export function readManifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(`${CORPUS_DIR}MANIFEST.tsv`, 'utf8').trim().split('\n')
  const names = (header ?? '').split('\t')
  return lines.map((line) => {
    const cells = line.split('\t')
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ''])) as unknown as ManifestRow
  })
}
