import type { ActivityWithFile } from '../db/activities.js'

/**
 * An activity as the API shows it: CONTRACT.md's summary fields plus id, upload_id, name, device.
 * Figures are stored as the analysis rounded them (src/round.ts): nothing is rounded twice.
 */
export function activityJson(row: ActivityWithFile) {
  return {
    id: row.id,
    upload_id: row.upload_id,
    name: row.name,
    device: row.device,
    file: row.file,
    format: row.format,
    compressed: row.compressed,
    declared_sport: row.declared_sport,
    sport: row.sport,
    sport_source: row.sport_source,
    sport_confidence: row.sport_confidence,
    sport_evidence: row.sport_evidence,
    intervals: row.intervals,
    work_bouts: row.work_bouts,
    start_time: row.start_time.toISOString(),
    local_start_time: row.local_start_time,
    local_time_zone: row.local_time_zone,
    elapsed_s: row.elapsed_s,
    moving_s: row.moving_s,
    distance_m: row.distance_m,
    hr_avg: row.hr_avg,
    hr_max: row.hr_max,
    hr_min: row.hr_min,
    hr_zones_s: row.hr_zones_s,
    trimp: row.trimp,
    energy_kcal: row.energy_kcal,
    energy_source: row.energy_source,
    samples: row.samples,
    laps: row.laps,
    flags: row.flags,
    assumed: row.assumed,
    error: null,
  }
}
