/**
 * What an archive entry is, from its name alone: pure. Names decide only whether an entry is
 * worth reading; what a file really is, content decides later (parse/detect.ts). An entry name
 * is never used as a file-system path, and a name that would escape a folder (zip-slip) fails
 * its entry so that it shows up, instead of being read.
 */
export type EntryKind = 'directory' | 'activity' | 'archive' | 'hints' | 'unsafe' | 'other'

const ACTIVITY = /\.(fit|gpx|tcx)(\.gz)?$/i
const ARCHIVE = /\.zip$/i
// Strava's bulk export: activities.csv at the top holds each activity's name and type.
const HINTS = /^activities\.csv$/i

export function isUnsafeEntryName(name: string): boolean {
  if (name.includes('\u0000')) return true
  if (/^([/\\]|[A-Za-z]:)/.test(name)) return true // absolute, or a Windows drive
  return name.split(/[/\\]/).some((segment) => segment === '..')
}

export function classifyEntry(name: string): EntryKind {
  if (name.endsWith('/') || name.endsWith('\\')) return 'directory'
  if (isUnsafeEntryName(name)) return 'unsafe'
  const segments = name.split(/[/\\]/)
  const base = segments[segments.length - 1] ?? ''
  // macOS resource forks and hidden files are never activities, whatever they are called.
  if (segments.includes('__MACOSX') || base.startsWith('.')) return 'other'
  if (ACTIVITY.test(base)) return 'activity'
  if (ARCHIVE.test(base)) return 'archive'
  if (segments.length === 1 && HINTS.test(base)) return 'hints'
  return 'other'
}

/** The base name, for a child upload's `filename` (the full path goes to `entry_path`). */
export function entryBaseName(name: string): string {
  const segments = name.split(/[/\\]/)
  return segments[segments.length - 1] || 'entry'
}
