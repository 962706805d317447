/**
 * The README's curl examples, as test/integration/readme.test.ts runs them: every line of a
 * ```sh block that starts with `curl`, with the lines a trailing backslash continues. What the
 * README says comes back is read from a comment: `# → 204` at the end of the example, or a line
 * `# → 202 {"uploads":[{"id":"UPLOAD_ID",…}]}` right below it. A placeholder such as UPLOAD_ID in
 * such an answer names the value a later example uses.
 */
export interface ReadmeExample {
  /** 1-based line of the README where the command starts. */
  readonly line: number
  /** The command as written, continued lines included (with their backslashes). */
  readonly command: string
  /** The HTTP status the README gives; 200 where it gives none. */
  readonly status: number
  /** The answer the README shows after the status, or '' (`{"id":"UPLOAD_ID",…}`). */
  readonly answer: string
  /** Marked as needing what the test cannot give (another process, a browser). */
  readonly skipped: boolean
}

/** The trailing comment that keeps an example out of the run; the test counts them. */
export const SKIP_MARKER = 'not run by the README test'

const FENCE = /^```(\S*)/
const ANSWER = /^#\s*→\s*(?:(\d{3})\b)?\s*(.*)$/

/** The comment that ends a shell line (`# …` outside quotes, after a space), or ''. */
export function trailingComment(line: string): string {
  let quote: string | null = null
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quote) {
      if (c === quote) quote = null
    } else if (c === "'" || c === '"') quote = c
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(i).trim()
  }
  return ''
}

export function readmeExamples(markdown: string): ReadmeExample[] {
  const lines = markdown.split('\n')
  const examples: ReadmeExample[] = []
  let inShell = false
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]!)
    if (fence) {
      inShell = !inShell && fence[1] === 'sh'
      continue
    }
    if (!inShell || !lines[i]!.startsWith('curl')) continue
    const start = i
    while (/\\\s*$/.test(lines[i]!) && i + 1 < lines.length) i++
    const comment = trailingComment(lines[i]!)
    const below = lines[i + 1]?.trim() ?? ''
    const answer = ANSWER.exec(comment) ?? ANSWER.exec(below)
    examples.push({
      line: start + 1,
      command: lines.slice(start, i + 1).join('\n'),
      status: answer?.[1] ? Number(answer[1]) : 200,
      answer: answer?.[2]?.trim() ?? '',
      skipped: comment.includes(SKIP_MARKER),
    })
  }
  return examples
}

/** UPLOAD_ID, ACTIVITY_ID, SHARE_TOKEN …: capitals with an underscore, not a `$VARIABLE`. */
const PLACEHOLDER = /(?<![$\w])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?!\w)/g

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0])
}

/** The command with each placeholder replaced by its value; throws naming one that has none. */
export function fillPlaceholders(command: string, values: ReadonlyMap<string, string>): string {
  return command.replace(PLACEHOLDER, (name) => {
    const value = values.get(name)
    if (value === undefined) throw new Error(`${name} is used before an answer above it gives it`)
    return value
  })
}

/** The first value of `key` in a JSON answer, the shallowest first (`status` of an upload, not of its counts). */
export function findKey(json: unknown, key: string): unknown {
  let level: unknown[] = [json]
  while (level.length > 0) {
    const next: unknown[] = []
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue
      if (!Array.isArray(node) && key in node) return (node as Record<string, unknown>)[key]
      next.push(...Object.values(node))
    }
    level = next
  }
  return undefined
}

/** The `"key":"…"` pairs of a README answer whose string value holds a placeholder. */
export function answerTemplates(answer: string): { key: string; template: string }[] {
  return [...answer.matchAll(/"(\w+)":"([^"]*)"/g)]
    .map((m) => ({ key: m[1]!, template: m[2]! }))
    .filter(({ template }) => placeholdersIn(template).length > 0)
}

/**
 * The placeholders' values in one actual value, read against the README's template for it:
 * `http://127.0.0.1:3000/shared/reports/SHARE_TOKEN` against the URL the service gave.
 */
export function readPlaceholders(template: string, actual: string): Map<string, string> | undefined {
  const names = placeholdersIn(template)
  const pattern = template
    .split(PLACEHOLDER)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('([^"/?#\\s]+)')
  const m = new RegExp(`^${pattern}$`).exec(actual)
  if (!m) return undefined
  return new Map(names.map((name, i) => [name, m[i + 1]!]))
}

/** The method and URL path of a curl command line, for matching it to the OpenAPI routes. */
export function requestOf(command: string): { method: string; path: string } | undefined {
  const url = /https?:\/\/[^\s'"]+/.exec(command)?.[0]
  if (!url) return undefined
  const explicit = /(?:^|\s)(?:-X|--request)\s+([A-Z]+)/.exec(command)?.[1]
  const sendsBody = /(?:^|\s)(?:-F|--form|-d|--data(?:-binary|-raw|-urlencode)?)\s/.test(command)
  const method = explicit ?? (/(?:^|\s)-\w*I\b|--head\b/.test(command) ? 'GET' : sendsBody ? 'POST' : 'GET')
  return { method, path: new URL(url).pathname }
}
