import { gzipSync } from 'node:zlib'
import { generateWorkload, type WorkloadFile } from '../../fixtures/workload.js'
import { buildZip, type ZipInput } from './zip.js'

/** Workload files (a day apart, FIT/TCX/GPX in turn, every 4th gzipped) under new names. */
export function activityFiles(count: number, seed = 7): WorkloadFile[] {
  return generateWorkload(count, seed)
}

/**
 * A Strava bulk export: activities.csv naming each activity, activities/<id>.<ext>[.gz], and
 * files that are not activities (a photo, profile.csv). Strava gzips FIT and TCX, not GPX.
 */
export async function stravaExport(files: readonly WorkloadFile[]): Promise<{ zip: Buffer; names: string[] }> {
  const entries: ZipInput[] = []
  const rows = ['Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Elapsed Time']
  const names: string[] = []
  files.forEach((f, i) => {
    const id = 1000 + i
    const ext = f.name.replace(/^bench-\d+\./, '').replace(/\.gz$/, '')
    const path = ext === 'gpx' ? `activities/${id}.gpx` : `activities/${id}.${ext}.gz`
    const raw = f.name.endsWith('.gz') ? f.bytes : ext === 'gpx' ? f.bytes : gzipSync(f.bytes)
    entries.push({ name: path, bytes: raw })
    const name = `Morning "session" ${i}, easy`
    names.push(name)
    rows.push(`${id},"Jan 1, 2020",${JSON.stringify(name).replace(/\\"/g, '""')},${i === 0 ? 'Run' : 'Workout'},1800,${path},1800`)
  })
  entries.push({ name: 'activities.csv', bytes: Buffer.from(rows.join('\n')) })
  entries.push({ name: 'media/photo.jpg', bytes: Buffer.from('not really a jpeg') })
  entries.push({ name: 'profile.csv', bytes: Buffer.from('a,b\n1,2\n') })
  return { zip: await buildZip(entries), names }
}

/** A Garmin Connect export: DI_CONNECT/DI-Connect-Uploaded-Files/*.zip of FIT files, and JSON. */
export async function garminExport(files: readonly WorkloadFile[]): Promise<Buffer> {
  const inner = await buildZip(files.map((f) => ({ name: f.name, bytes: f.bytes })))
  return buildZip([
    { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', bytes: inner, compress: false },
    { name: 'DI_CONNECT/DI-Connect-Fitness/user_summary.json', bytes: Buffer.from('{"x":1}') },
  ])
}
