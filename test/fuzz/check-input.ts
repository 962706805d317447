import { summariseActivity } from '../../src/analyse/summarise.js'
import { FitledgerError, UPLOAD_ERROR_CODES } from '../../src/errors.js'
import { EMPTY_PROFILE, type ParsedActivity } from '../../src/model.js'

/** What one fuzz input did: fine (parsed and analysed, or failed with a contract code), or a finding. */
export type Verdict = { readonly ok: true; readonly outcome: string } | { readonly ok: false; readonly finding: string }

function badNumber(value: unknown): boolean {
  return typeof value === 'number' && !Number.isFinite(value)
}

/** Every summary number is finite or null; NaN or Infinity would poison aggregates and JSON. */
export function checkSummaries(activities: readonly ParsedActivity[]): Verdict {
  for (const activity of activities) {
    const summary = summariseActivity(activity, EMPTY_PROFILE)
    for (const [key, value] of Object.entries(summary)) {
      if (badNumber(value) || (Array.isArray(value) && value.some(badNumber))) {
        return { ok: false, finding: `summary.${key} is not finite` }
      }
    }
  }
  return { ok: true, outcome: `parsed:${activities.length}` }
}

/** A thrown value is fine only as a FitledgerError whose code a failed upload may carry. */
export function checkError(err: unknown): Verdict {
  if (err instanceof FitledgerError && (UPLOAD_ERROR_CODES as readonly string[]).includes(err.code) && err.code !== 'internal') {
    return { ok: true, outcome: err.code }
  }
  return { ok: false, finding: `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}` }
}
