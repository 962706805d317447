/**
 * The richest copy: when a duplicate carries channels the stored activity lacks, the stored
 * activity takes them. Pure. Only heart rate, power and cadence are taken (issue 6): position,
 * speed and distance define the stored activity's own timeline and stay as recorded.
 */
import type { ParsedActivity, SampleColumns } from '../model.js'

export const MERGEABLE = ['heart_rate_bpm', 'power_w', 'cadence_rpm'] as const
export type MergeableChannel = (typeof MERGEABLE)[number]

/** A sample of the other file counts for ours when within this many seconds of it. */
export const MERGE_TOLERANCE_S = 2

function recorded(column: Float32Array | null): boolean {
  return column !== null && column.some((v) => Number.isFinite(v))
}

/** Channels `incoming` recorded that the stored activity (`has`) did not. */
export function channelsToTake(has: Readonly<Record<MergeableChannel, boolean>>, incoming: ParsedActivity): MergeableChannel[] {
  return MERGEABLE.filter((c) => !has[c] && recorded(incoming.columns[c]))
}

/**
 * `base` with `channels` copied from `extra`, resampled onto base's time axis: for each base
 * sample the nearest extra sample in absolute time, within MERGE_TOLERANCE_S, else NaN (a gap).
 */
export function mergeColumns(base: ParsedActivity, extra: ParsedActivity, channels: readonly MergeableChannel[]): ParsedActivity {
  const t = base.columns.time_s
  const offsetS = (extra.start_ms - base.start_ms) / 1000
  const et = extra.columns.time_s
  const merged: Record<string, Float32Array> = {}
  for (const channel of channels) {
    const source = extra.columns[channel]
    if (source === null) continue
    const out = new Float32Array(t.length).fill(Number.NaN)
    let j = 0
    for (let i = 0; i < t.length; i++) {
      const want = t[i]! - offsetS // base sample i on extra's clock
      while (j + 1 < et.length && Math.abs(et[j + 1]! - want) <= Math.abs(et[j]! - want)) j++
      if (et.length > 0 && Math.abs(et[j]! - want) <= MERGE_TOLERANCE_S) out[i] = source[j]!
    }
    merged[channel] = out
  }
  const columns: SampleColumns = { ...base.columns, ...merged }
  return { ...base, columns, flags: [...base.flags, ...channels.map((c) => `merged_${c}`)] }
}

/** True when `parsed` lacks a channel that a duplicate could have given it. */
export function lacksMergeable(parsed: ParsedActivity): boolean {
  return MERGEABLE.some((c) => !recorded(parsed.columns[c]))
}

/**
 * `parsed` (an activity's own file, read again) with the channels a merge once gave it, taken
 * back from the streams stored since (issue 10, item 16). The stored streams sit on the file's
 * own time axis, so the two share a start.
 */
export function withStoredChannels(parsed: ParsedActivity, stored: SampleColumns): ParsedActivity {
  const has = Object.fromEntries(MERGEABLE.map((c) => [c, recorded(parsed.columns[c])])) as Record<MergeableChannel, boolean>
  const extra: ParsedActivity = { ...parsed, columns: stored }
  const channels = channelsToTake(has, extra)
  return channels.length === 0 ? parsed : mergeColumns(parsed, extra, channels)
}
