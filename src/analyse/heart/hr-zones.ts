/**
 * Heart-rate zones as a share of heart-rate reserve. REGIMEN.md, Heart-rate metrics:
 * Z1 50–60 %, Z2 60–70 %, Z3 70–80 %, Z4 80–90 %, Z5 90–100 % (and above).
 */
export const ZONE_FLOORS = [0.5, 0.6, 0.7, 0.8, 0.9] as const

/** Fraction of heart-rate reserve (Karvonen): (HR − rest) / (max − rest). */
export function reserveFraction(hr: number, hrRest: number, hrMax: number): number {
  const reserve = hrMax - hrRest
  return reserve > 0 ? (hr - hrRest) / reserve : 0
}

/** Zone index 0..4 for Z1..Z5, or -1 below Z1. */
export function zoneOf(fraction: number): number {
  for (let z = ZONE_FLOORS.length - 1; z >= 0; z--) if (fraction >= ZONE_FLOORS[z]!) return z
  return -1
}

/** The heart rate at which zone 4 starts (REGIMEN.md, Interval sessions: 80 % of reserve). */
export function zone4FloorBpm(hrRest: number, hrMax: number): number {
  return hrRest + ZONE_FLOORS[3] * (hrMax - hrRest)
}
