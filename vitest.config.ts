import { defineConfig } from 'vitest/config'

/**
 * Three layers (STYLE.md, Tests): `unit` is the pure core and needs no service; `integration`
 * runs against real Postgres, Redis and s3rver, each file in a database of its own cloned from a
 * template that the global setup migrates; `slow` is the fault run and the browser. `npm test`
 * runs all three; `npm run test:unit` only the first, in seconds.
 */
const SLOW = ['test/integration/chaos.test.ts', 'test/integration/report-browser.test.ts', 'test/integration/report-layout.test.ts']

const shared = {
  pool: 'forks',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
} as const

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: SLOW,
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      { test: { ...shared, name: 'slow', include: SLOW, globalSetup: ['test/helpers/global-setup.ts'] } },
    ],
  },
})
