/** Time in heart-rate zones Z1..Z5 (REGIMEN.md, Heart-rate metrics: % of heart-rate reserve). */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatMinutes } from './display-format.js'
import { hbarChart } from './hbar-chart.js'

const ZONE_NAMES = ['Z1 50–60%', 'Z2 60–70%', 'Z3 70–80%', 'Z4 80–90%', 'Z5 90–100%'] as const

export function zonesChart(agg: WeekAggregate): string {
  const rows = agg.hr_zones_s.map((s, i) => ({
    label: ZONE_NAMES[i] ?? `Z${i + 1}`,
    value: s,
    valueLabel: formatMinutes(s / 60),
    cls: `bar zone-${i + 1}`,
  }))
  const desc = 'Time in heart-rate zones, as % of heart-rate reserve: ' + rows.map((r) => `${r.label} ${r.valueLabel}`).join(', ') + '.'
  return hbarChart({ id: 'chart-zones', title: 'Time in heart-rate zones', desc, empty: 'No heart-rate data this week', rows })
}
