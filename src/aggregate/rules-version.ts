/**
 * The version of the rules that turn a week's sources into its report (REGIMEN.md: goals,
 * energy, fluids, compliance; CONTRACT.md, Weekly report). A stored week records the version
 * that made it (db/week-sources.ts, weekStamp), so a reader recomputes a week made under other
 * rules. Bump it by hand in the commit that changes such a rule.
 */
export const RULES_VERSION = 1
