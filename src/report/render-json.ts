/** The weekly report as JSON text (CONTRACT.md, Weekly report): the aggregate is already its shape. */
import type { WeekAggregate } from '../aggregate/week-types.js'

export interface RenderJsonOptions {
  /** Indent by two spaces (CLI, files); compact for the API. Default true. */
  readonly pretty?: boolean
}

export function renderJson(agg: WeekAggregate, options: RenderJsonOptions = {}): string {
  return JSON.stringify(agg, null, options.pretty === false ? undefined : 2) + '\n'
}
