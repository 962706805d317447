import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RULES_VERSION } from '../../src/aggregate/rules-version.js'
import { storedWeek } from '../../src/db/aggregates.js'
import { upsertIntake } from '../../src/db/intake.js'
import { createUser } from '../../src/db/users.js'
import { recomputeWeek, weekReport } from '../../src/db/week-report.js'
import { createTestDb, type TestDb } from '../helpers/db.js'

// Issue 11, item 3: a stored week records the rules version that made it, so a week stored
// under older rules is recomputed when it is read, though none of its sources changed.
let testDb: TestDb
let userId: string
const WEEK = '2025-W11' // Mon 2025-03-10 … Sun 2025-03-16, the user's zone is UTC

beforeAll(async () => {
  testDb = await createTestDb()
  userId = (await createUser(testDb.db, 'rules@example.com', null)).id
  await upsertIntake(testDb.db, userId, [{ date: '2025-03-11', kcal: 2100, water_ml: 2000, protein_g: null }])
})
afterAll(async () => testDb?.drop())

describe('a stored week and the rules version', () => {
  it('stamps a stored week with the rules version that made it', async () => {
    await recomputeWeek(testDb.db, userId, WEEK)
    const stored = await storedWeek(testDb.db, userId, WEEK)
    expect(stored?.source_stamp.split('|')).toContain(`r:${RULES_VERSION}`)
  })

  it('recomputes on read a week stored under an older rules version', async () => {
    const fresh = await recomputeWeek(testDb.db, userId, WEEK)
    const stamp = (await storedWeek(testDb.db, userId, WEEK))?.source_stamp ?? ''
    // The row as the previous rules left it: other figures, the same sources, the older version.
    const older = stamp.replace(`r:${RULES_VERSION}`, `r:${RULES_VERSION - 1}`)
    const olderBody = { ...fresh, fluids: { ...fresh.fluids, avg_ml: 1 } }
    await sql`update weekly_aggregates set body = ${JSON.stringify(olderBody)}, source_stamp = ${older}
              where user_id = ${userId} and week = ${WEEK}`.execute(testDb.db)

    const read = await weekReport(testDb.db, userId, WEEK)
    expect(read.fluids.avg_ml).toBe(2000)
    expect(read).toEqual(fresh)
    expect((await storedWeek(testDb.db, userId, WEEK))?.source_stamp).toBe(stamp)
  })
})
