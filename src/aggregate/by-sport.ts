/** Totals per classified sport, in the model's SPORTS order; sports without sessions are left out. */
import { SPORTS, type Sport } from '../model.js'
import { roundKcal, roundMetres, roundMinutes } from './round.js'
import type { SportAggregate, WeekActivity } from './week-types.js'

export function aggregateBySport(activities: readonly WeekActivity[]): Partial<Record<Sport, SportAggregate>> {
  const out: Partial<Record<Sport, SportAggregate>> = {}
  for (const sport of SPORTS) {
    const of = activities.filter((a) => a.sport === sport)
    if (of.length === 0) continue
    const distances = of.flatMap((a) => (a.distance_m === null ? [] : [a.distance_m]))
    out[sport] = {
      sessions: of.length,
      moving_min: roundMinutes(of.reduce((sum, a) => sum + a.moving_s, 0) / 60),
      // A strength week has no distance at all: null says "not measured", 0 would say "did not move".
      distance_m: distances.length === 0 ? null : roundMetres(distances.reduce((sum, m) => sum + m, 0)),
      kcal: roundKcal(of.reduce((sum, a) => sum + a.energy_kcal, 0)),
    }
  }
  return out
}
