import type { ActivitySummary, Sport } from '../model.js'

/** The reason a sport the user chose gives (the summary's and the database's `sport_evidence`). */
export const USER_SPORT_EVIDENCE: readonly string[] = ['set by the user']

/** The user's word on the sport beats both the file and the inference (CONTRACT.md, PATCH). */
export function withUserSport(summary: ActivitySummary, sport: Sport | null): ActivitySummary {
  if (sport === null) return summary
  return { ...summary, sport, sport_source: 'user', sport_confidence: 1, sport_evidence: USER_SPORT_EVIDENCE }
}
