import { describe, expect, it } from 'vitest'
import { childUploadId } from '../../../src/archive/child-id.js'

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8' // RFC 9562, Appendix A.4: the DNS namespace

describe('childUploadId', () => {
  it('is RFC 9562 UUIDv5 of the parent and the path for the first entry of a path', () => {
    // RFC 9562, Appendix A.4: UUIDv5(NameSpace_DNS, "www.example.com")
    expect(childUploadId(DNS, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
    expect(childUploadId(DNS, 'www.example.com', 0)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
  })

  it('gives a later entry of the same path an id of its own, derived from the first', () => {
    const first = childUploadId(DNS, 'www.example.com')
    expect(childUploadId(DNS, 'www.example.com', 1)).toBe(childUploadId(first, '1'))
    expect(new Set([0, 1, 2].map((n) => childUploadId(DNS, 'www.example.com', n))).size).toBe(3)
    expect(childUploadId(DNS, 'www.example.com', 2)).toBe(childUploadId(DNS, 'www.example.com', 2)) // stable across runs
  })
})
