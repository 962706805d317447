import type { ActivitySummary, Sport } from '../model.js'

/** The user's word on the sport beats both the file and the inference (CONTRACT.md, PATCH). */
export function withUserSport(summary: ActivitySummary, sport: Sport | null): ActivitySummary {
  if (sport === null) return summary
  return { ...summary, sport, sport_source: 'user', sport_confidence: 1 }
}
