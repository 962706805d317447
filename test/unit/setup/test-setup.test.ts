import { execFileSync, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CORPUS_DIR, HAVE_CORPUS } from '../../helpers/corpus.js'

// What `npm test` needs from a newcomer's machine: the servers they named, and a browser.
const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const TSX = ['--import', 'tsx']

function runTs(code: string, env: Record<string, string>): string {
  return execFileSync(process.execPath, [...TSX, '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
}

describe('the test services', () => {
  it('come from DATABASE_URL and REDIS_URL, the variables the service reads', () => {
    const out = runTs("const m = await import('./test/helpers/services-env.ts'); console.log(m.PG_ADMIN_URL + ' ' + m.REDIS_URL)", {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5498/mine',
      REDIS_URL: 'redis://127.0.0.1:6398',
    })
    // The admin connection is the same server's maintenance database, never the user's own.
    expect(out.trim()).toBe('postgres://postgres@127.0.0.1:5498/postgres redis://127.0.0.1:6398')
  })
})

describe('npm test without a browser', () => {
  it('stops with a line that says what to install, instead of skipping the browser test', () => {
    const result = spawnSync(process.execPath, [...TSX, 'test/setup/ensure-browser.ts'], {
      cwd: ROOT,
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('no Chromium at /nonexistent/chromium')
    expect(result.stderr).toContain('apt-get install chromium')
  })
})

describe('the shared corpus', () => {
  // On a user's clone without ../shared the corpus tests are skipped; in CI they must all run.
  it.runIf(process.env.CI === 'true')(`is at ${CORPUS_DIR} wherever CI runs`, () => {
    expect(HAVE_CORPUS).toBe(true)
  })
})
