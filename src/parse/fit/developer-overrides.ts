/**
 * FIT developer fields may declare the native field they stand for (field_description's
 * native_mesg_num and native_field_num). A Connect IQ app that records what the watch cannot,
 * such as an erg's speed, distance, power and stroke rate, writes them this way while the
 * native fields hold zeros; the protocol's meaning is that the developer value replaces the
 * native one. NOTE: fit/python-fitparse__20170518-191602-1740899583.fit (vívoactive HR with
 * ErgIQ on a rowing machine) keeps its real rowing data only there.
 */
import type { FitRecord } from './read.js'

export type NativeRecordField = 'heart_rate' | 'cadence' | 'distance' | 'speed' | 'power'

/** FIT profile, record message: field numbers of the channels we read. */
const RECORD_FIELDS: Readonly<Record<number, NativeRecordField>> = {
  3: 'heart_rate',
  4: 'cadence',
  5: 'distance',
  6: 'speed',
  7: 'power',
}
const RECORD_MESG_NUM = 20

/** native field → the developer field (by name, as fit-file-parser keys it) that replaces it. */
export type RecordOverrides = ReadonlyMap<NativeRecordField, string>

interface FieldDescription {
  readonly field_name?: unknown
  readonly native_mesg_num?: unknown
  readonly native_field_num?: unknown
}

export function recordOverrides(descriptions: readonly unknown[] | undefined): RecordOverrides {
  const overrides = new Map<NativeRecordField, string>()
  for (const d of (descriptions ?? []) as FieldDescription[]) {
    const forRecord = d.native_mesg_num === 'record' || d.native_mesg_num === RECORD_MESG_NUM
    const native = typeof d.native_field_num === 'number' ? RECORD_FIELDS[d.native_field_num] : undefined
    if (forRecord && native && typeof d.field_name === 'string' && !overrides.has(native)) overrides.set(native, d.field_name)
  }
  return overrides
}

/** The record with each overridden native field taken from its developer field, where that has a value. */
export function applyOverrides(record: FitRecord, overrides: RecordOverrides): FitRecord {
  let out: Record<string, unknown> | null = null
  for (const [native, name] of overrides) {
    const value = (record as Record<string, unknown>)[name]
    if (typeof value !== 'number' || !Number.isFinite(value)) continue
    out ??= { ...record }
    out[native] = value
    if (native === 'cadence') out.fractional_cadence = 0
    if (native === 'speed') out.enhanced_speed = undefined
  }
  return (out ?? record) as FitRecord
}
