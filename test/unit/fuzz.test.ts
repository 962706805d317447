import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from '../../src/parse/index.js'
import { checkError, checkSummaries, type Verdict } from '../fuzz/check-input.js'
import { applyMutation, type Mutation, mutationArb } from '../fuzz/mutations.js'
import { loadSeeds } from '../fuzz/seeds.js'

// A quick run of the parser fuzzer (`npm run fuzz -- --minutes N` runs longer, in capped threads).
const LIMITS = { maxUncompressedBytes: 32 * 1024 * 1024 }
const seeds = loadSeeds()
const REGRESSIONS = new URL('../../fixtures/regressions/', import.meta.url)

async function run(bytes: Uint8Array): Promise<Verdict> {
  try {
    return checkSummaries(await parse(bytes, LIMITS))
  } catch (err) {
    return checkError(err)
  }
}

describe('parser fuzzing', () => {
  it('every mutated input parses and analyses, or fails with a contract code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), mutationArb, async (seed, mutation) => {
        const verdict = await run(applyMutation(seed.bytes, mutation))
        expect(verdict, `${seed.name} ${JSON.stringify(mutation)}`).toMatchObject({ ok: true })
      }),
      { numRuns: 300, seed: 20261125 },
    )
  })

  const saved = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.json'))
  it.each(saved)('regression %s stays fixed', async (file) => {
    const { seed, mutation } = JSON.parse(readFileSync(new URL(file, REGRESSIONS), 'utf8')) as { seed: string; mutation: Mutation }
    const base = seeds.find((s) => s.name === seed)
    if (!base) return // its corpus seed is not on this machine
    expect(await run(applyMutation(base.bytes, mutation))).toMatchObject({ ok: true })
  })
})
