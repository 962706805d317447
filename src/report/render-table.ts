/**
 * The weekly report as plain text for `fitledger report --format table`: the verdict, the goals,
 * the days and the sessions in aligned columns. Names pass through plainText so an ANSI escape in
 * a file's activity name cannot drive the terminal.
 */
import type { WeekAggregate } from '../aggregate/week-types.js'
import { formatDateRange, formatNumber, formatSigned, plainText } from './display-format.js'
import { complianceSentence, goalLines } from './goal-lines.js'

type Align = 'left' | 'right'

/** Columns padded to their widest cell; the first column left-aligned, numbers right. */
export function alignColumns(rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths = align.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)))
  return rows.map((r) =>
    r
      .map((cell, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - [...cell].length)
        return align[c] === 'right' ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd(),
  )
}

const orDash = (v: number | null, show: (x: number) => string): string => (v === null ? '—' : show(v))

export function renderTable(agg: WeekAggregate): string {
  const e = agg.energy
  const out: string[] = [
    `Week ${agg.week}  ${formatDateRange(agg.from, agg.to)}  (${agg.time_zone})`,
    `Compliance: ${complianceSentence(agg)}`,
    '',
    ...alignColumns(
      [['Goal', 'Status', 'Detail'], ...goalLines(agg).map((g) => [g.label, g.state.toUpperCase(), g.detail])],
      ['left', 'left', 'left'],
    ),
    '',
    ...alignColumns(
      [
        ['Day', 'Sessions', 'Moving min', 'Exercise kcal', 'Intake kcal', 'Balance kcal', ''],
        ...agg.days.map((d) => [
          `${d.weekday} ${d.date}`,
          String(d.sessions),
          formatNumber(d.moving_min, 1),
          formatNumber(d.exercise_kcal, 1),
          orDash(d.intake_kcal, (x) => formatNumber(x, 1)),
          orDash(d.balance_kcal, (x) => formatSigned(x, 1)),
          d.low_intake ? 'low intake' : d.intake_kcal === null ? 'no log' : '',
        ]),
        [
          'Week',
          String(agg.sessions.length),
          formatNumber(
            agg.days.reduce((s, d) => s + d.moving_min, 0),
            1,
          ),
          formatNumber(e.exercise_kcal, 1),
          orDash(e.intake_kcal, (x) => formatNumber(x, 1)),
          orDash(e.balance_kcal, (x) => formatSigned(x, 1)),
          `${e.logged_days} of 7 logged`,
        ],
      ],
      ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
    `Baseline ${formatNumber(e.baseline_kcal_per_day, 1)} kcal/day; projected change ` +
      `${orDash(e.projected_weight_change_kg, (x) => `${formatSigned(x, 3)} kg`)}`,
  ]
  if (agg.sessions.length > 0) {
    out.push(
      '',
      ...alignColumns(
        [
          ['Date', 'Time', 'Sport', 'Min', 'kcal', 'Flags', 'Name'],
          ...agg.sessions.map((s) => [
            s.date,
            s.local_time,
            s.sport,
            formatNumber(s.moving_min, 1),
            formatNumber(s.kcal, 1),
            [s.qualifying ? 'cardio' : '', s.intervals ? 'intervals' : ''].filter(Boolean).join(',') || '-',
            plainText(s.name ?? ''),
          ]),
        ],
        ['left', 'left', 'left', 'right', 'right', 'left', 'left'],
      ),
    )
  }
  if (agg.assumed.length > 0) out.push('', `Assumed (not in profile): ${agg.assumed.join(', ')}`)
  return out.join('\n') + '\n'
}
