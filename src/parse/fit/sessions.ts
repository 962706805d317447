/**
 * One FIT activity file (one part of a chain) → one ParsedActivity per session. Records, laps,
 * lengths and pauses go to the session whose start time they follow; a file without session
 * messages becomes one activity spanning its records.
 */
import type { ParsedActivity } from '../../model.js'
import { fitSportName, fitSubSportName } from '../sport-names.js'
import { deviceOf, fileIdOf } from './file-id.js'
import { heartRateAtSamples, type HeartBeats } from './hr-merge.js'
import type { FitMessages, FitSession } from './read.js'
import { msOf, recordColumns } from './records.js'
import { lapOf, lengthOf, pauseOf, startMsOf, timerPausesMs, totalsOf } from './summary.js'

/** Local-time offsets beyond ±14 h do not exist; a larger difference is a broken clock. */
const MAX_UTC_OFFSET_S = 14 * 3600

export interface FitContext {
  readonly compressed: boolean
  readonly beats: HeartBeats
  readonly chainFlags: readonly string[]
}

/** Index of the last start at or before `ms`; anything before the first start goes to 0. */
function slotOf(starts: readonly number[], ms: number): number {
  let slot = 0
  for (let k = 1; k < starts.length; k += 1) if (ms >= (starts[k] as number)) slot = k
  return slot
}

function groupBy<T>(items: readonly T[], starts: readonly number[], msOfItem: (item: T) => number): T[][] {
  const groups: T[][] = starts.map(() => [])
  for (const item of items) groups[slotOf(starts, msOfItem(item))]?.push(item)
  return groups
}

function utcOffsetOf(part: FitMessages): number | null {
  const local = msOf(part.activity?.local_timestamp)
  const utc = msOf(part.activity?.timestamp)
  const offset = Math.round((local - utc) / 1000)
  return Number.isFinite(offset) && Math.abs(offset) <= MAX_UTC_OFFSET_S ? offset : null
}

export function activitiesOfPart(part: FitMessages, context: FitContext): ParsedActivity[] {
  const firstRecordMs = part.records.map((r) => msOf(r.timestamp)).find((ms) => !Number.isNaN(ms)) ?? Number.NaN
  // NOTE: fit/sports-lib__broken-dates.fit has a session without a usable start_time; its
  // records tell when it began.
  const sessionStart = (s: FitSession | null): number => {
    const ms = s === null ? Number.NaN : startMsOf(s)
    return Number.isNaN(ms) ? firstRecordMs : ms
  }
  const sessions: Array<FitSession | null> = part.sessions
    .filter((s) => !Number.isNaN(sessionStart(s)))
    .sort((a, b) => sessionStart(a) - sessionStart(b))
  const noSession = sessions.length === 0
  // NOTE: fit/python-fitparse__nick.fit has records and a sport message but no session.
  if (noSession) sessions.push(null)
  const starts = sessions.map(sessionStart)
  const records = groupBy(part.records, starts, (r) => msOf(r.timestamp))
  const laps = groupBy(part.laps, starts, startMsOf)
  const lengths = groupBy(part.lengths, starts, startMsOf)
  const pauses = groupBy(timerPausesMs(part.events), starts, (p) => p.startMs)
  const fileId = fileIdOf(part.fileId)
  const utcOffset = utcOffsetOf(part)
  const sport = part.sports[0]

  return sessions.map((session, k) => {
    const startMs = starts[k] as number
    const flags = [...context.chainFlags, ...part.flags]
    if (noSession) flags.push('no_session')
    if (part.recordOverrides.size > 0) flags.push('developer_fields_used')
    const built = recordColumns(records[k] ?? [], startMs, part.recordOverrides)
    if (built.droppedBackwards > 0) flags.push('time_went_backwards')
    if (built.droppedBeforeStart > 0) flags.push('records_before_start')
    let columns = built.columns
    if (columns.heart_rate_bpm === null && context.beats.time_ms.length > 0) {
      const merged = heartRateAtSamples(columns.time_s, startMs, context.beats)
      if (merged !== null) {
        columns = { ...columns, heart_rate_bpm: merged }
        flags.push('hr_merged')
      }
    }
    return {
      format: 'fit',
      compressed: context.compressed,
      declared_sport: fitSportName(session?.sport ?? sport?.sport),
      declared_sub_sport: fitSubSportName(session?.sub_sport ?? sport?.sub_sport),
      start_ms: startMs,
      utc_offset_s: utcOffset,
      name: null,
      device: deviceOf(fileId),
      file_id: fileId,
      session_index: k,
      totals: totalsOf(session),
      laps: (laps[k] ?? []).map((lap) => lapOf(lap, startMs)),
      lengths: (lengths[k] ?? []).map((length) => lengthOf(length, startMs)),
      pauses: (pauses[k] ?? []).map((pause) => pauseOf(pause, startMs)),
      columns,
      flags,
    }
  })
}
