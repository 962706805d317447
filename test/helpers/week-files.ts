/**
 * Small, exact sessions for the weekly tests, encoded with the project's FIT encoder: 1 Hz
 * samples at a constant speed and heart rate, so moving time and distance are what they say,
 * and with the device's calories when given (REGIMEN.md: the device total wins).
 */
import { encodeFit } from '../../fixtures/encode/index.js'

export interface SessionPlan {
  readonly start: string // ISO 8601 UTC
  readonly sport: 'running' | 'walking' | 'cycling' | 'strength'
  readonly minutes: number
  readonly hr: number
  readonly kcal?: number // the device's total; without it, energy comes from heart rate
}

const SPEED_MPS: Record<SessionPlan['sport'], number | null> = { running: 3, walking: 1.4, cycling: 7.5, strength: null }

export function sessionFit(plan: SessionPlan): Uint8Array {
  const seconds = plan.minutes * 60
  const time_s = Array.from({ length: seconds + 1 }, (_, i) => i)
  const speed = SPEED_MPS[plan.sport]
  const moving = speed === null ? {} : { speed_mps: time_s.map(() => speed), distance_m: time_s.map((t) => t * speed) }
  const sport = plan.sport === 'strength' ? { fit: 'training', fit_sub_sport: 'strength_training' } : { fit: plan.sport }
  return encodeFit({
    utc_offset_s: 3600,
    sessions: [
      {
        start_ms: Date.parse(plan.start),
        sport,
        samples: { time_s, heart_rate_bpm: time_s.map(() => plan.hr), ...moving },
        totals: {
          ...(plan.kcal === undefined ? {} : { calories_kcal: plan.kcal }),
          ...(speed === null ? {} : { distance_m: seconds * speed }),
        },
      },
    ],
  })
}
