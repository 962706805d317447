/**
 * The one rounding rule of fitledger, for the activity summary and the weekly report alike:
 * values are computed unrounded and rounded once, where they leave the core.
 */

/** Half away from zero, to `decimals` places; toPrecision(15) absorbs 1.005 × 100 = 100.49999…; never −0. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals
  const scaled = Number((Math.abs(value) * factor).toPrecision(15))
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor
  return rounded === 0 ? 0 : rounded
}
