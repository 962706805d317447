/**
 * Scores the analysis: (a) inferred sport, elapsed time and average HR on the real corpus in
 * ../shared/corpus (read in place, never copied); (b) sport and interval detection on labelled
 * synthetic sessions. Run with `npx tsx test/bench/eval.ts` (`npm run eval`).
 */
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ActivitySummary, ParsedActivity, ParseLimits, Sport } from '../../src/model.js'
import { DECLARED_ONLY_SPORTS, EMPTY_PROFILE, SPORTS } from '../../src/model.js'
import { summariseActivity } from '../../src/analyse/summarise.js'
import { classifyDeclaredSport } from '../../src/analyse/sport/declared-sport.js'
import { generateHardSuite, generateSuite, type SynthLabel, type SynthSession } from '../../fixtures/synth/suite.js'
import { generateSportSuite } from '../../fixtures/synth/sport-sessions.js'
import { toParsedActivity } from '../../fixtures/synth/to-parsed.js'
import { toActivitySpec } from '../../fixtures/synth/to-encode-spec.js'
import { encodeFit, encodeGpx, encodeTcx } from '../../fixtures/encode/index.js'

type Parse = (bytes: Uint8Array, limits: ParseLimits) => Promise<ParsedActivity[]>

const CORPUS = resolve(process.cwd(), '../shared/corpus')
const LIMITS: ParseLimits = { maxUncompressedBytes: 512 * 1024 * 1024 }

/**
 * The truth label of a corpus file. The notes win over the declaration where they name the
 * activity: rowing apps and instruments (Concept2/PainSled, CrewNerd, Rowing in Motion, Open
 * Rowing Monitor, Kinomap VirtualRow, NK = Nielsen-Kellerman SpeedCoach, a rowing instrument)
 * declare `Biking`, `Other` or `generic`; swims exported as TCX `Other` or an untyped GPX say
 * "swim"; a stand-up paddle is `paddling`, cross-country skiing `skiing`; yoga, diving and
 * snorkelling are `other`. Otherwise the declared sport mapped by classifyDeclaredSport; with
 * nothing specific declared the file is unlabelled.
 */
export function truthLabel(declared: string, notes: string): Sport | null {
  if (/rowing|painsled|concept2|crewnerd|nielsenkellerman|speedcoach|oarlock/i.test(notes)) return 'rowing'
  if (/paddl/i.test(notes)) return 'paddling'
  if (/cross-country ski/i.test(notes)) return 'skiing'
  if (/yoga|diving|dive computer|snorkel/i.test(notes)) return 'other'
  if (/\bswim/i.test(notes) && !/triathlon/i.test(notes)) return 'swimming'
  const strava = /Strava code: (\w+)/.exec(declared)
  const text = strava !== null ? strava[1]! : declared.replace(/ \(.*\)$/, '')
  const [sport, sub] = text.split('/')
  const clean = (v: string | undefined): string | null => (v === undefined || v === '-' || v === '?' || v === '' ? null : v)
  return classifyDeclaredSport(clean(sport), clean(sub))?.sport ?? null
}

interface CorpusRow {
  readonly file: string
  readonly format: string
  readonly declared: string
  readonly notes: string
}

async function readManifest(): Promise<CorpusRow[]> {
  const text = await readFile(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((c) => ({ file: c[0]!, format: c[5]!, declared: c[6]!, notes: c[9] ?? '' }))
}

/** The one documented interval session of the corpus: 3 × 250 m on the water (fit and tcx). */
const KNOWN_INTERVALS = /rowingdata__3x250m\./
const MIN_INFERABLE_S = 60
const MIN_INFERABLE_SAMPLES = 10
/** REGIMEN.md, issue 15: at confidence 0.8 or more, wrong in under 2 % of cases. */
const CONFIDENT = 0.8
const BANDS = [
  [0, 0.4],
  [0.4, 0.6],
  [0.6, 0.8],
  [CONFIDENT, 1.01],
] as const

const pct = (a: number, b: number): string => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1)}%`)

/** Where a corpus file comes from: the part of its name before `__` (the source project). */
export function sourceGroup(file: string): string {
  const name = file.slice(file.lastIndexOf('/') + 1)
  const cut = name.indexOf('__')
  return cut < 0 ? name : name.slice(0, cut)
}

/** One labelled corpus session, analysed with its declaration hidden. */
export interface Case {
  readonly file: string
  readonly group: string
  readonly truth: Sport
  readonly activity: ParsedActivity
}

export interface Verdict {
  readonly sport: Sport
  readonly confidence: number
  readonly evidence: readonly string[]
}

/**
 * How inference is scored: a model is trained on every source group but one, then judged on the
 * one left out, so no threshold is ever chosen while looking at the group being scored. The rules
 * in src/analyse/sport are hand-written constants from physiology and device behaviour (each cites
 * its source, none was fitted to a corpus file), so `train` ignores its cases: leave-one-source-out
 * and full-corpus figures then agree by construction. A fitted model slots in here and is trained
 * per fold.
 */
export interface SportModel {
  readonly name: string
  train(cases: readonly Case[]): (activity: ParsedActivity) => Verdict
}

export const RULES: SportModel = {
  name: 'hand-written rules (src/analyse/sport; no fitted parameter)',
  train: () => (activity) => {
    const s = summariseActivity(activity, EMPTY_PROFILE, { ignoreDeclaredSport: true })
    return { sport: s.sport, confidence: s.sport_confidence, evidence: evidenceOf(s) }
  },
}

function evidenceOf(summary: ActivitySummary): readonly string[] {
  const withEvidence = summary as ActivitySummary & { readonly sport_evidence?: readonly string[] }
  return withEvidence.sport_evidence ?? []
}

interface Scored {
  readonly file: string
  readonly group: string
  readonly truth: Sport
  readonly got: Sport
  readonly confidence: number
  readonly evidence: readonly string[]
  readonly seconds: number
  readonly samples: number
}

function confusion(rows: readonly Scored[]): string {
  const used = SPORTS.filter((s) => rows.some((r) => r.truth === s || r.got === s))
  const head = 'truth \\ inferred'.padEnd(18) + used.map((s) => s.slice(0, 8).padStart(9)).join('')
  const lines = used.map(
    (t) => t.padEnd(18) + used.map((g) => String(rows.filter((r) => r.truth === t && r.got === g).length || '.').padStart(9)).join(''),
  )
  return [head, ...lines].join('\n')
}

function accuracy(rows: readonly Scored[]): string {
  const right = rows.filter((r) => r.truth === r.got).length
  return `${right}/${rows.length} = ${pct(right, rows.length)}`.padEnd(18)
}

function calibration(rows: readonly Scored[]): string {
  return BANDS.map(([lo, hi]) => {
    const band = rows.filter((r) => r.confidence >= lo && r.confidence < hi)
    const wrong = band.filter((r) => r.truth !== r.got).length
    const name = hi > 1 ? `>= ${lo}` : `${lo}–${hi}`
    return `  confidence ${name.padEnd(8)} n=${String(band.length).padStart(3)}  right ${accuracy(band)} wrong ${pct(wrong, band.length)}`
  }).join('\n')
}

/** Scores the model on each held-out group after training on the others, and on the full corpus. */
function score(model: SportModel, cases: readonly Case[], heldOut: boolean): Scored[] {
  const groups = heldOut ? [...new Set(cases.map((c) => c.group))] : [null]
  return groups.flatMap((group) => {
    const infer = model.train(cases.filter((c) => group !== null && c.group !== group))
    return cases
      .filter((c) => group === null || c.group === group)
      .map((c) => {
        const v = infer(c.activity)
        return {
          file: c.file,
          group: c.group,
          truth: c.truth,
          got: v.sport,
          confidence: v.confidence,
          evidence: v.evidence,
          seconds: (c.activity.columns.time_s.at(-1) ?? 0) - (c.activity.columns.time_s[0] ?? 0),
          samples: c.activity.columns.time_s.length,
        }
      })
  })
}

function reportSport(model: SportModel, cases: readonly Case[]): void {
  const loso = score(model, cases, true)
  const full = score(model, cases, false)
  const groups = new Set(cases.map((c) => c.group))
  console.log(`model: ${model.name}`)
  console.log(`inferred sport (declarations hidden), ${cases.length} sessions in ${groups.size} source groups:`)
  console.log(`  leave-one-source-out ${accuracy(loso)}   full corpus ${accuracy(full)}`)
  // Decoder regression files of a few seconds (the FIT SDK's 14 s Activity.fit and its corrupt
  // variants, a 2-point GPX) hold no speed, cadence or HR to infer from: any answer is a guess.
  // They stay in the headline; this second figure leaves them out and says so.
  const real = (rows: readonly Scored[]): Scored[] => rows.filter((r) => r.seconds >= MIN_INFERABLE_S && r.samples >= MIN_INFERABLE_SAMPLES)
  console.log(
    `  without ${loso.length - real(loso).length} sessions of essentially no data (< ${MIN_INFERABLE_S} s or < ${MIN_INFERABLE_SAMPLES} samples): leave-one-source-out ${accuracy(real(loso))}   full corpus ${accuracy(real(full))}`,
  )
  console.log('per source group (held out):')
  for (const g of [...groups].sort()) console.log(`  ${g.padEnd(16)} ${accuracy(loso.filter((r) => r.group === g))}`)
  console.log('per sport (held out; recall by the truth label):')
  for (const s of SPORTS) {
    const rows = loso.filter((r) => r.truth === s)
    if (rows.length > 0) console.log(`  ${s.padEnd(12)} ${accuracy(rows)}`)
  }
  console.log('calibration (held out):')
  console.log(calibration(loso))
  console.log(confusion(loso))
  for (const r of loso.filter((x) => x.truth !== x.got)) {
    console.log(
      `  miss: ${r.file}: truth ${r.truth}, inferred ${r.got} at ${r.confidence}${r.evidence.length > 0 ? ` (${r.evidence.join('; ')})` : ''}`,
    )
  }
}

export async function evalCorpus(parse: Parse, verbose: boolean): Promise<void> {
  const rows = await readManifest()
  const cases: Case[] = []
  const flagged: string[] = []
  const unlabelled: string[] = []
  let failed = 0
  let elapsedChecked = 0
  let elapsedOk = 0
  let hrChecked = 0
  let hrOk = 0
  const misses: string[] = []
  for (const row of rows) {
    // Multisport files (declared `a+b`, or a triathlon whose sessions the manifest could not list)
    // and non-activity files are out of scope.
    if (row.declared.includes('+') || /triathlon|multisport/i.test(row.notes)) continue
    if (row.declared.startsWith('n/a') || row.declared.startsWith('workout')) continue
    let activities: ParsedActivity[]
    try {
      activities = await parse(new Uint8Array(await readFile(join(CORPUS, row.file))), LIMITS)
    } catch {
      failed++
      continue
    }
    const truth = truthLabel(row.declared, row.notes)
    for (const activity of activities) {
      const summary: ActivitySummary = summariseActivity(activity, EMPTY_PROFILE, { ignoreDeclaredSport: true })
      // Intervals as the product reports them: with the file's declarations (a `hiit` sub-sport).
      const declared = summariseActivity(activity, EMPTY_PROFILE)
      if (declared.intervals)
        flagged.push(
          `${row.file}#${activity.session_index} (${declared.sport}): ${declared.work_bouts.map((b) => `${b.start_s}+${b.duration_s}s`).join(' ')}`,
        )
      const device = activity.totals.elapsed_s
      if (device !== null && device > 0 && !summary.flags.includes('bogus_elapsed_time')) {
        elapsedChecked++
        if (Math.abs(summary.elapsed_s - device) <= 0.01 * device) elapsedOk++
        else misses.push(`elapsed ${row.file}: ${summary.elapsed_s} vs device ${device}`)
      }
      const hr = activity.totals.avg_hr_bpm
      if (hr !== null && hr > 0 && summary.hr_avg !== null) {
        hrChecked++
        if (Math.abs(summary.hr_avg - hr) <= 1) hrOk++
        else misses.push(`avg HR ${row.file}: ${summary.hr_avg} vs device ${hr}`)
      }
      if (truth === null) unlabelled.push(`${row.file} → ${summary.sport}`)
      // REGIMEN.md, Sports: skiing, paddling, boxing and dancing are never inferred; `other` is the
      // right answer from the data alone.
      else
        cases.push({
          file: row.file,
          group: sourceGroup(row.file),
          truth: DECLARED_ONLY_SPORTS.includes(truth) ? 'other' : truth,
          activity,
        })
    }
  }
  console.log(`\n== Corpus (${CORPUS}) ==`)
  console.log(`files failing to parse: ${failed}, unlabelled sessions: ${unlabelled.length}`)
  reportSport(RULES, cases)
  console.log(`elapsed within 1% of a sane device total: ${elapsedOk}/${elapsedChecked} = ${pct(elapsedOk, elapsedChecked)}`)
  console.log(`avg HR within 1 bpm of the device's: ${hrOk}/${hrChecked} = ${pct(hrOk, hrChecked)}`)
  const known = flagged.filter((f) => KNOWN_INTERVALS.test(f)).length
  console.log(
    `sessions flagged as intervals (declarations kept): ${flagged.length}; known interval sessions among them: ${known}/2 (rowingdata__3x250m fit and tcx)`,
  )
  for (const f of flagged) console.log(`  ${KNOWN_INTERVALS.test(f) ? 'known' : 'judge'}: ${f}`)
  if (verbose) {
    for (const m of misses) console.log(`  ${m}`)
    for (const u of unlabelled) console.log(`  unlabelled: ${u}`)
  }
}

/** Two bouts match when they overlap by at least half of the shorter one. */
function overlaps(a: { start_s: number; duration_s: number }, b: { start_s: number; duration_s: number }): boolean {
  const overlap = Math.min(a.start_s + a.duration_s, b.start_s + b.duration_s) - Math.max(a.start_s, b.start_s)
  return overlap >= 0.5 * Math.min(a.duration_s, b.duration_s)
}

const ENCODERS = [
  ['fit', encodeFit],
  ['tcx', encodeTcx],
  ['gpx', encodeGpx],
] as const

/**
 * Scores interval and sport detection on the labelled suite: in memory (`parse` null), or written
 * as FIT, TCX and GPX in turn and parsed back. GPX keeps no laps or pool lengths, so a pool swim
 * goes to FIT or TCX only.
 */
export async function evalSynthetic(name: string, suite: readonly SynthSession[], seed: number, parse: Parse | null): Promise<void> {
  let turn = 0
  let tp = 0
  let fp = 0
  let fn = 0
  let sportOk = 0
  let confident = 0
  let confidentWrong = 0
  let flagOk = 0
  let intervalSessions = 0
  let exact = 0
  const byPattern = new Map<string, { n: number; sport: number; flag: number }>()
  for (const { spec, label } of suite) {
    let activity = toParsedActivity(spec)
    if (parse !== null) {
      const encoders = spec.lengths.length > 0 ? ENCODERS.slice(0, 1) : ENCODERS
      const [, encode] = encoders[turn++ % encoders.length]!
      activity = (await parse(encode(toActivitySpec(spec)), LIMITS))[0]!
    }
    const summary = summariseActivity(activity, EMPTY_PROFILE, { ignoreDeclaredSport: true })
    const matched = new Set<number>()
    for (const bout of summary.work_bouts) {
      const k = label.bouts.findIndex((t, j) => !matched.has(j) && overlaps(t, bout))
      if (k >= 0) {
        matched.add(k)
        tp++
      } else fp++
    }
    fn += label.bouts.length - matched.size
    const sportRight = summary.sport === label.sport
    if (summary.sport_confidence >= CONFIDENT) {
      confident++
      if (!sportRight) confidentWrong++
    }
    const flagRight = summary.intervals === label.intervals
    if (sportRight) sportOk++
    if (flagRight) flagOk++
    if (label.intervals) {
      intervalSessions++
      if (summary.work_bouts.length === label.bouts.length) exact++
    }
    const p = byPattern.get(label.pattern) ?? { n: 0, sport: 0, flag: 0 }
    byPattern.set(label.pattern, { n: p.n + 1, sport: p.sport + (sportRight ? 1 : 0), flag: p.flag + (flagRight ? 1 : 0) })
  }
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall)
  console.log(
    `\n== Synthetic, ${name} (${suite.length} sessions, seed ${seed}, ${parse === null ? 'in memory' : 'encoded as FIT/TCX/GPX and parsed back'}) ==`,
  )
  console.log(`bouts: precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${tp}, fp ${fp}, fn ${fn})`)
  console.log(`exact bout count: ${exact}/${intervalSessions} interval sessions = ${pct(exact, intervalSessions)}`)
  console.log(
    `intervals flag right: ${pct(flagOk, suite.length)}   sport right: ${pct(sportOk, suite.length)}   sport at confidence >= ${CONFIDENT}: ${confident}, wrong ${pct(confidentWrong, confident)}`,
  )
  for (const [pattern, p] of [...byPattern].sort())
    console.log(`  ${pattern.padEnd(28)} n=${p.n}  sport ${pct(p.sport, p.n)}  intervals flag ${pct(p.flag, p.n)}`)
}

export type { SynthLabel }

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose')
  const { parse } = (await import('../../src/parse/index.js')) as { parse: Parse }
  await evalCorpus(parse, verbose)
  await evalSynthetic('basic suite', generateSuite(10, 42), 42, null)
  await evalSynthetic('basic suite', generateSuite(10, 42), 42, parse)
  await evalSynthetic('hard suite', generateHardSuite(10, 7), 7, null)
  await evalSynthetic('hard suite', generateHardSuite(10, 7), 7, parse)
  await evalSynthetic('sport suite', generateSportSuite(10, 15), 15, null)
  await evalSynthetic('sport suite', generateSportSuite(10, 15), 15, parse)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
