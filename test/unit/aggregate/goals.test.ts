import { describe, expect, it } from 'vitest'
import { GOALS } from '../../../src/aggregate/goals.js'
import { aggregateWeek } from '../../../src/aggregate/week.js'
import { DEFAULT_GOALS, GOAL_SETTINGS } from '../../../src/model.js'
import { goalLines } from '../../../src/report/goal-lines.js'
import { WORKED_INPUT } from './worked-week.js'

// Issue 11, item 3: a goal is one entry in GOALS, and that entry alone decides the report's
// goal line, its section's verdict and its place in the compliance score.
describe('the weekly goals as one list', () => {
  const agg = aggregateWeek(WORKED_INPUT)
  const lines = goalLines(agg)

  it('gives every goal, in order, one line whose state is its judge on the week', () => {
    expect(lines.map((l) => [l.key, l.label, l.state])).toEqual([
      ['cardio', 'Cardio', 'met'],
      ['intervals', 'Intervals', 'met'],
      ['strength', 'Strength', 'met'],
      ['energy', 'Energy', 'missed'],
      ['fluids', 'Fluids', 'met'],
    ])
    expect(lines.map((l) => l.key)).toEqual(GOALS.map((g) => g.key))
  })

  it('scores compliance over the same judges: 4 met of 5 judged', () => {
    const judged = GOALS.map((g) => g.judge(agg)).filter((s) => s !== null)
    expect(agg.compliance).toEqual({ goals_met: 4, goals_total: 5, score: 0.8 })
    expect([judged.filter((s) => s).length, judged.length]).toEqual([4, 5])
  })

  it('keeps each section verdict equal to its goal judge', () => {
    const sections = {
      cardio: agg.cardio.met,
      intervals: agg.intervals.met,
      strength: agg.strength.met,
      energy: agg.energy.met,
      fluids: agg.fluids.met,
    }
    for (const g of GOALS) expect([g.key, sections[g.key]]).toEqual([g.key, g.judge(agg)])
  })

  it('takes the default goals from the settings, in their order', () => {
    expect(DEFAULT_GOALS).toEqual({
      cardio_sessions: 3,
      cardio_min_minutes: 30,
      interval_sessions: 1,
      strength_sessions: 2,
      daily_deficit_kcal: 500,
      min_intake_kcal: 1200,
      fluids_ml: 1800,
      activity_factor: 1.2,
    })
    expect(Object.keys(DEFAULT_GOALS)).toEqual(Object.keys(GOAL_SETTINGS))
  })
})
