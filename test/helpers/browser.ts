import { type BrowserContext, chromium } from 'playwright-core'

/** The Chromium the browser tests drive: Debian's by default, or CHROMIUM_PATH. */
export function browserPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/**
 * Headless Chromium with a fresh profile directory. The flags keep it off the network: this
 * machine has none, and without them Chromium retries Google's hosts at every start.
 */
export function launchBrowser(profileDir: string, headers: Record<string, string> = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: browserPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    extraHTTPHeaders: headers,
  })
}
