import { readFileSync } from 'node:fs'

/**
 * The version in package.json, the one place it is written. This file runs from src/cli (tsx)
 * and from dist/src/cli (built), so package.json is two or three folders up.
 */
export function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'fitledger' && pkg.version) return pkg.version
    } catch {
      // not this folder: try the next one up
    }
  }
  return 'unknown'
}
