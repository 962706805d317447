import { describe, expect, it } from 'vitest'
import { childUploadId } from '../../../src/archive/child-id.js'
import { classifyEntry } from '../../../src/archive/entry-name.js'
import { sportFromStravaType } from '../../../src/archive/strava-sport.js'

describe('classifyEntry', () => {
  it.each([
    { name: 'activities/123.fit.gz', kind: 'activity' },
    { name: 'a/b/RUN.GPX', kind: 'activity' },
    { name: 'x.tcx', kind: 'activity' },
    { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', kind: 'archive' },
    { name: 'activities.csv', kind: 'hints' },
    { name: 'sub/activities.csv', kind: 'other' }, // only Strava's top-level file holds hints
    { name: 'media/photo.jpg', kind: 'other' },
    { name: '__MACOSX/activities/._1.fit', kind: 'other' },
    { name: 'activities/', kind: 'directory' },
    { name: '../../evil.fit', kind: 'unsafe' },
    { name: 'a/../../b.fit', kind: 'unsafe' },
    { name: '/etc/passwd', kind: 'unsafe' },
    { name: 'C:\\x.fit', kind: 'unsafe' },
    { name: '..\\x.fit', kind: 'unsafe' },
  ])('$name → $kind', ({ name, kind }) => {
    expect(classifyEntry(name)).toBe(kind)
  })
})

describe('sportFromStravaType', () => {
  it.each([
    { type: 'Run', sport: 'running' },
    { type: 'Virtual Ride', sport: 'cycling' },
    { type: 'Weight Training', sport: 'strength' },
    { type: 'Hike', sport: 'hiking' },
    { type: 'Workout', sport: null },
    { type: 'Yoga', sport: null },
    { type: '', sport: null },
  ])('$type → $sport', ({ type, sport }) => {
    expect(sportFromStravaType(type)).toBe(sport)
  })
})

describe('childUploadId', () => {
  const parent = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f'
  it('is a version-5 uuid, the same for the same parent and path', () => {
    const id = childUploadId(parent, 'activities/1.fit.gz')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(childUploadId(parent, 'activities/1.fit.gz')).toBe(id)
    expect(childUploadId(parent, 'activities/2.fit.gz')).not.toBe(id)
  })
})
