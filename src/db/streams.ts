import type { Kysely, Transaction } from 'kysely'
import type { SampleColumns } from '../model.js'
import type { Database } from './tables.js'

// Each channel is stored as the raw little-endian bytes of its typed array: one row per
// activity, about 4–8 bytes per sample and channel, no per-sample rows.
type Channel = Exclude<keyof SampleColumns, 'time_s'>
const FLOAT64: ReadonlySet<keyof SampleColumns> = new Set(['time_s', 'distance_m', 'lat_deg', 'lng_deg'])
const CHANNELS: readonly Channel[] = [
  'heart_rate_bpm',
  'distance_m',
  'speed_mps',
  'cadence_rpm',
  'power_w',
  'lat_deg',
  'lng_deg',
  'altitude_m',
]

function pack(array: Float32Array | Float64Array | null): Buffer | null {
  return array === null ? null : Buffer.from(array.buffer, array.byteOffset, array.byteLength)
}

function unpack(name: keyof SampleColumns, bytes: Buffer | null): Float32Array | Float64Array | null {
  if (bytes === null) return null
  // Copy into an aligned buffer: pg's Buffers may start at any offset of a shared pool.
  const copy = new Uint8Array(bytes).buffer
  return FLOAT64.has(name) ? new Float64Array(copy) : new Float32Array(copy)
}

export async function saveStreams(tx: Transaction<Database> | Kysely<Database>, activityId: string, columns: SampleColumns): Promise<void> {
  const row = {
    activity_id: activityId,
    sample_count: columns.time_s.length,
    time_s: pack(columns.time_s) as Buffer,
    ...Object.fromEntries(CHANNELS.map((c) => [c, pack(columns[c])])),
  }
  await tx
    .insertInto('activity_streams')
    .values(row)
    .onConflict((oc) => oc.column('activity_id').doUpdateSet(row))
    .execute()
}

export async function loadStreams(db: Kysely<Database>, activityId: string): Promise<SampleColumns | undefined> {
  const row = await db.selectFrom('activity_streams').selectAll().where('activity_id', '=', activityId).executeTakeFirst()
  if (!row) return undefined
  return {
    time_s: unpack('time_s', row.time_s) as Float64Array,
    ...Object.fromEntries(CHANNELS.map((c) => [c, unpack(c, row[c])])),
  } as unknown as SampleColumns
}
