import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { addDays, epochDayOf, isCalendarDate } from '../../aggregate/calendar-date.js'
import type { IntakeDay } from '../../aggregate/week-types.js'
import { deleteIntake, listIntake, upsertIntake } from '../../db/intake.js'
import type { Database } from '../../db/tables.js'
import { FitledgerError } from '../../errors.js'
import type { WeekChanges } from '../../queue/week-changes.js'
import { notFound } from '../auth.js'

export interface IntakeRouteDeps {
  readonly db: Kysely<Database>
  readonly weekChanges?: WeekChanges
}

const DATE = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'local date, YYYY-MM-DD' } as const
const DAY = {
  type: 'object',
  additionalProperties: false,
  required: ['date', 'kcal'],
  properties: {
    date: DATE,
    kcal: { type: 'number', minimum: 0, maximum: 20000 },
    water_ml: { type: ['number', 'null'], minimum: 0, maximum: 20000 },
    protein_g: { type: ['number', 'null'], minimum: 0, maximum: 1000 },
  },
} as const
const MAX_DAYS = 3700 // ten years of daily entries in one request or one listing

type DayBody = { date: string; kcal: number; water_ml?: number | null; protein_g?: number | null }

/** The schema checks the shape; a calendar check catches 2026-02-30, a range check 0001-01-01. */
function checkDate(date: string, what = 'date'): string {
  if (!isCalendarDate(date)) throw new FitledgerError('bad_request', `${what} "${date}" is not a calendar date (YYYY-MM-DD)`)
  const year = Number(date.slice(0, 4))
  if (year < 1900 || year > 2200) throw new FitledgerError('bad_request', `${what} "${date}" is out of range`)
  return date
}

const dayJson = (d: IntakeDay) => ({ date: d.date, kcal: d.kcal, water_ml: d.water_ml, protein_g: d.protein_g })

export function registerIntakeRoutes(app: FastifyInstance, deps: IntakeRouteDeps): void {
  app.post(
    '/intake',
    {
      schema: {
        summary: 'Log food for one day or many; a day that has an entry is replaced whole',
        body: { oneOf: [DAY, { type: 'array', minItems: 1, maxItems: MAX_DAYS, items: DAY }] },
      },
    },
    async (request) => {
      const body = request.body as DayBody | DayBody[]
      const days: IntakeDay[] = (Array.isArray(body) ? body : [body]).map((d) => ({
        date: checkDate(d.date),
        kcal: d.kcal,
        water_ml: d.water_ml ?? null,
        protein_g: d.protein_g ?? null,
      }))
      await upsertIntake(deps.db, request.userId, days)
      await deps.weekChanges?.intakeChanged(
        request.userId,
        days.map((d) => d.date),
      )
      const dates = days.map((d) => d.date).sort()
      const stored = await listIntake(deps.db, request.userId, dates[0] ?? '', dates[dates.length - 1] ?? '')
      const posted = new Set(dates)
      return { intake: stored.filter((d) => posted.has(d.date)).map(dayJson) }
    },
  )

  app.get(
    '/intake',
    {
      schema: {
        summary: 'The food log from `from` to `to` (both included; default the last 30 days to `to`)',
        querystring: { type: 'object', properties: { from: DATE, to: DATE } },
      },
    },
    async (request) => {
      const q = request.query as { from?: string; to?: string }
      const to = checkDate(q.to ?? new Date().toISOString().slice(0, 10), 'to')
      const from = checkDate(q.from ?? addDays(to, -29), 'from')
      const span = epochDayOf(to) - epochDayOf(from)
      if (span < 0) throw new FitledgerError('bad_request', `from (${from}) is after to (${to})`)
      if (span >= MAX_DAYS) throw new FitledgerError('bad_request', `at most ${MAX_DAYS} days at once`)
      return { from, to, intake: (await listIntake(deps.db, request.userId, from, to)).map(dayJson) }
    },
  )

  app.delete(
    '/intake/:date',
    {
      schema: {
        summary: "Delete a day's food-log entry",
        params: { type: 'object', required: ['date'], properties: { date: { type: 'string', maxLength: 20 } } },
      },
    },
    async (request, reply) => {
      const date = checkDate((request.params as { date: string }).date)
      if (!(await deleteIntake(deps.db, request.userId, date))) throw notFound('food-log entry')
      await deps.weekChanges?.intakeChanged(request.userId, [date])
      return reply.status(204).send()
    },
  )
}
