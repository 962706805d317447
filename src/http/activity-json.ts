import type { ActivityWithFile } from '../db/activities.js'

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Number(value.toFixed(digits))

/** An activity as the API shows it: CONTRACT.md's summary fields plus id, upload_id, name, device. */
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
    hr_avg: round(row.hr_avg, 1),
    hr_max: row.hr_max,
    hr_min: row.hr_min,
    hr_zones_s: row.hr_zones_s,
    trimp: round(row.trimp, 1),
    energy_kcal: round(row.energy_kcal, 1),
    energy_source: row.energy_source,
    samples: row.samples,
    laps: row.laps,
    flags: row.flags,
    assumed: row.assumed,
    error: null,
  }
}
