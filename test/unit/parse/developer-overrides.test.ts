import { describe, expect, it } from 'vitest'
import { applyOverrides, recordOverrides } from '../../../src/parse/fit/developer-overrides.js'
import type { FitRecord } from '../../../src/parse/fit/read.js'

// An erg app's field descriptions, as fit-file-parser returns them (native_mesg_num by name).
const DESCRIPTIONS = [
  { field_name: 'Distance', native_mesg_num: 'record', native_field_num: 5 },
  { field_name: 'Speed', native_mesg_num: 'record', native_field_num: 6 },
  { field_name: 'Stroke Rate', native_mesg_num: 'record', native_field_num: 4 },
  { field_name: 'Power', native_mesg_num: 20, native_field_num: 7 },
  { field_name: 'Avg Speed', native_mesg_num: 'lap', native_field_num: 13 }, // not a record field
  { field_name: 'Temperature', native_mesg_num: 'record', native_field_num: 13 }, // a channel we do not read
  { field_name: 'Drag Factor' }, // no native field at all
]

describe('developer fields that stand for native record fields', () => {
  it('maps each native record channel to its developer field', () => {
    expect([...recordOverrides(DESCRIPTIONS)]).toEqual([
      ['distance', 'Distance'],
      ['speed', 'Speed'],
      ['cadence', 'Stroke Rate'],
      ['power', 'Power'],
    ])
    expect(recordOverrides(undefined).size).toBe(0)
  })

  it.each([
    {
      name: 'developer values replace the zeros the watch wrote',
      record: {
        distance: 0,
        cadence: 0,
        fractional_cadence: 0.5,
        heart_rate: 156,
        Distance: 542,
        Speed: 5.119,
        'Stroke Rate': 32,
        Power: 376,
      },
      expected: { distance: 542, speed: 5.119, cadence: 32, fractional_cadence: 0, power: 376, heart_rate: 156 },
    },
    {
      name: 'a missing developer value leaves the native one',
      record: { distance: 10, cadence: 20, Speed: 3 },
      expected: { distance: 10, cadence: 20, speed: 3 },
    },
  ])('$name', ({ record, expected }) => {
    expect(applyOverrides(record as unknown as FitRecord, recordOverrides(DESCRIPTIONS))).toMatchObject(expected)
  })

  it('returns the record itself when nothing applies', () => {
    const record = { distance: 1 } as unknown as FitRecord
    expect(applyOverrides(record, recordOverrides(DESCRIPTIONS))).toBe(record)
  })
})
