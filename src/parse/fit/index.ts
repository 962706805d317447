/** FIT bytes (possibly a chain of FIT files) → one ParsedActivity per session. */
import { FitledgerError } from '../../errors.js'
import type { ParsedActivity } from '../../model.js'
import { splitFitChain } from './chain.js'
import { expandHrMessages } from './hr-merge.js'
import { readFitPart, type FitMessages } from './read.js'
import { msOf } from './records.js'
import { activitiesOfPart } from './sessions.js'
import { startMsOf } from './summary.js'

/**
 * A part is an activity when it says so, or says nothing (fit/sports-lib__broken-dates.fit has
 * no type), and something in it tells when it happened: a session's start or end, or a record's
 * time. A session with neither start_time nor timestamp, and no record, places nothing.
 */
function isActivityPart(part: FitMessages): boolean {
  const type = part.fileId?.type
  if (type !== undefined && type !== 'activity') return false
  return part.sessions.some((s) => !Number.isNaN(startMsOf(s))) || part.records.some((r) => !Number.isNaN(msOf(r.timestamp)))
}

export async function parseFit(bytes: Uint8Array, compressed: boolean): Promise<ParsedActivity[]> {
  const chain = splitFitChain(bytes)
  const chainFlags: string[] = []
  if (chain.parts.length > 1) chainFlags.push('chained_fit')
  if (chain.trailingBytes > 0) chainFlags.push('trailing_bytes')
  const parts: FitMessages[] = []
  for (const [i, part] of chain.parts.entries()) {
    try {
      parts.push(await readFitPart(part))
    } catch (err) {
      if (i === 0) throw err
      chainFlags.push('chained_part_unreadable') // the first file stands on its own
    }
  }
  const main = parts[0]
  if (main === undefined || main.recordCount === 0) {
    throw new FitledgerError('corrupt_file', 'the FIT file holds no readable record')
  }
  const activityParts = parts.filter(isActivityPart)
  if (activityParts.length === 0) {
    const type = main.fileId?.type
    throw new FitledgerError(
      'no_activity_data',
      type !== undefined && type !== 'activity'
        ? `this is a FIT ${String(type)} file, not an activity recording`
        : 'the FIT file has no timed session and no timed record',
    )
  }
  const context = { compressed, beats: expandHrMessages(parts.flatMap((p) => p.hr)), chainFlags }
  return activityParts.flatMap((part) => activitiesOfPart(part, context)).map((activity, session_index) => ({ ...activity, session_index }))
}
