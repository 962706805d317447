import type { Sport, SportSource } from '../../model.js'
import type { DeclaredClass } from './declared-sport.js'
import type { InferredSport } from './infer-sport.js'

export interface ResolvedSport {
  readonly sport: Sport
  readonly sport_source: SportSource
  readonly sport_confidence: number
  /** Why: the declaration, or the inference's top reasons (CONTRACT.md summary, issue 15). */
  readonly sport_evidence: readonly string[]
}

/**
 * REGIMEN.md, Sports: a specific declaration wins; otherwise the data decides. One exception:
 * a declared bike ride whose data is a rowing stroke at rowing speed is a rowing session. Erg
 * apps write TCX `Biking` for lack of a rowing value (NOTE: tcx/rowingdata__painsled.tcx,
 * tcx/rowingdata__invalidchar.tcx); nobody pedals at 14–42 rpm for a whole ride.
 */
export function resolveSport(declared: DeclaredClass | null, inferred: InferredSport, ignoreDeclared: boolean): ResolvedSport {
  const round = (c: number): number => Math.round(c * 100) / 100
  const fromData = {
    sport: inferred.sport,
    sport_source: 'inferred',
    sport_confidence: round(inferred.confidence),
    sport_evidence: inferred.evidence,
  } as const
  if (declared === null || ignoreDeclared) return fromData
  if (declared.sport === 'cycling' && inferred.sport === 'rowing' && inferred.confidence >= 0.7) {
    return {
      ...fromData,
      sport_evidence: [...inferred.evidence, `declared by the file: ${declared.name}, which rowing apps write for an erg`],
    }
  }
  return {
    sport: declared.sport,
    sport_source: 'declared',
    sport_confidence: round(declared.confidence),
    sport_evidence: [`declared by the file: ${declared.name}`],
  }
}
