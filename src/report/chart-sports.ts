/** Sessions by classified sport, with their moving time: the week's mix at a glance. */
import { isCardio, isStrength } from '../aggregate/session-rules.js'
import type { WeekAggregate } from '../aggregate/week-types.js'
import { SPORTS, type Sport } from '../model.js'
import { formatMinutes } from './display-format.js'
import { hbarChart } from './hbar-chart.js'

/** A bar's colour says what the sport counts toward: cardio, strength, or neither (yoga, other). */
function countsAs(sport: Sport): string {
  if (isCardio({ sport })) return 'counts-cardio'
  return isStrength({ sport }) ? 'counts-strength' : 'counts-none'
}

export function sportsChart(agg: WeekAggregate): string {
  const rows = SPORTS.flatMap((sport) => {
    const s = agg.by_sport[sport]
    if (s === undefined) return []
    return [
      { label: sport, value: s.sessions, valueLabel: `${s.sessions} · ${formatMinutes(s.moving_min)}`, cls: `bar ${countsAs(sport)}` },
    ]
  })
  const desc =
    rows.length === 0 ? 'No sessions this week.' : 'Sessions by sport: ' + rows.map((r) => `${r.label} ${r.valueLabel}`).join(', ') + '.'
  return hbarChart({ id: 'chart-sports', title: 'Sessions by sport', desc, empty: 'No sessions this week', rows })
}
