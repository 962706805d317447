import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Where browser tests leave their screenshots, for a person to look at (git-ignored). */
export const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts')

/** The widths every page is checked at: a desktop window and a small phone. */
export const VIEWPORTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
] as const

/** The Chromium the browser tests drive: Debian's by default, or CHROMIUM_PATH. */
export function browserPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

export interface TestBrowser {
  readonly context: BrowserContext
  close(): Promise<void>
}

/**
 * Headless Chromium with a fresh profile directory, so nothing is cached or remembered from
 * another run. The flags keep it off the network: this machine has none, and without them
 * Chromium retries Google's hosts at every start.
 */
export async function openBrowser(headers: Record<string, string> = {}): Promise<TestBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'fitledger-chromium-'))
  await mkdir(ARTIFACTS, { recursive: true })
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: browserPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    extraHTTPHeaders: headers,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profileDir, { recursive: true, force: true })
    },
  }
}

/** A new page at the given size, closed afterwards whatever happens. */
export async function withPage<T>(
  browser: TestBrowser,
  viewport: { width: number; height: number },
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await browser.context.newPage()
  try {
    await page.setViewportSize(viewport)
    return await work(page)
  } finally {
    await page.close()
  }
}
