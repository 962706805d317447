/**
 * `npm test` runs this first: the report's browser test needs Chromium, and a fresh machine of
 * this kind has none. Playwright's own browser download cannot reach its servers here, so we
 * use Debian's package, installed through apt-get when we are root. Anyone else is told, in one
 * line, what to install; the run stops rather than skipping the browser test in silence.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { browserPath } from '../helpers/browser.js'

function installWithApt(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  console.log("ensure-browser: Chromium is missing; installing Debian's chromium package (once, about a minute)")
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env })
}

const path = browserPath()
if (!existsSync(path)) {
  const root = process.getuid?.() === 0
  const apt = existsSync('/usr/bin/apt-get')
  if (!root || !apt || process.env.CHROMIUM_PATH) {
    console.error(
      `ensure-browser: no Chromium at ${path}. Install it (Debian: sudo apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary, then run npm test again.',
    )
    process.exit(1)
  }
  installWithApt()
  if (!existsSync(path)) {
    console.error(`ensure-browser: apt-get finished but ${path} is still missing`)
    process.exit(1)
  }
}
