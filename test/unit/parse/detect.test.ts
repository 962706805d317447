import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../src/parse/index.js'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b)
const fitHeader = (size: number): Uint8Array => bytes(size, 0x10, 0, 0, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0)

describe('detectFormat', () => {
  it.each([
    { name: '14-byte FIT header', input: fitHeader(14), format: 'fit' },
    { name: '12-byte FIT header', input: fitHeader(12).subarray(0, 12), format: 'fit' },
    { name: 'FIT signature with a bad header size', input: fitHeader(13), format: null },
    { name: 'gzip magic', input: bytes(0x1f, 0x8b, 8, 0), format: 'gzip' },
    { name: 'zip local header', input: bytes(0x50, 0x4b, 0x03, 0x04, 0), format: 'zip' },
    { name: 'GPX', input: text('<?xml version="1.0"?><gpx version="1.1"></gpx>'), format: 'gpx' },
    { name: 'TCX', input: text('<TrainingCenterDatabase xmlns="x"/>'), format: 'tcx' },
    { name: 'GPX after a BOM', input: text('\uFEFF<?xml version="1.0"?>\n<gpx/>'), format: 'gpx' },
    { name: 'TCX after whitespace', input: text(' \n\t<?xml version="1.0"?><TrainingCenterDatabase>'), format: 'tcx' },
    { name: 'GPX after a comment', input: text('<?xml version="1.0"?><!-- made by hand --><gpx>'), format: 'gpx' },
    { name: 'GPX after a DOCTYPE', input: text('<!DOCTYPE gpx [<!ENTITY a "b">]><gpx>'), format: 'gpx' },
    { name: 'prefixed root', input: text('<g:gpx xmlns:g="x">'), format: 'gpx' },
    { name: 'other XML', input: text('<?xml version="1.0"?><kml></kml>'), format: null },
    { name: 'root named like gpx but longer', input: text('<gpxfoo/>'), format: null },
    { name: 'plain text', input: text('bad tcx file here'), format: null },
    { name: 'empty', input: new Uint8Array(0), format: null },
    { name: 'file name does not count: FIT bytes are FIT', input: fitHeader(14), format: 'fit' },
  ])('$name → $format', ({ input, format }) => {
    expect(detectFormat(input)).toBe(format)
  })
})
