import type { WorkloadFile } from '../../fixtures/workload.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What the clients saw: a 500 is our own bug and fails the run; a 503 during an outage is fine. */
export class ClientTally {
  retries = 0
  /** 503 is the answer for a dependency that is down, and it must say when to come back. */
  http503WithoutRetryAfter = 0
  /** Answers of 5xx (and 429) by status, uploads and reads together. */
  readonly statuses: Record<string, number> = {}
  /** The first few answers of each kind that break the contract (500, or 503 without Retry-After), for the report. */
  readonly badAnswers: string[] = []

  get http500(): number {
    return this.statuses['500'] ?? 0
  }

  async saw(res: Response, what: string): Promise<void> {
    if (res.status < 429) return
    this.statuses[res.status] = (this.statuses[res.status] ?? 0) + 1
    const noRetryAfter = res.status === 503 && !res.headers.has('retry-after')
    if (noRetryAfter) this.http503WithoutRetryAfter += 1
    const kind = ` ${res.status}: `
    if ((res.status === 500 || noRetryAfter) && this.badAnswers.filter((a) => a.includes(kind)).length < 3) {
      this.badAnswers.push(`${what}${kind}${(await res.text()).slice(0, 200)}`)
    }
  }
}

/**
 * Uploads every file, `lanes` at a time and spread over `spreadOverMs`, as a careful client does: a request that failed (no
 * answer, 5xx, 429) is sent again; once the API answered 202 the upload is the server's to keep.
 */
export async function uploadWithRetry(
  baseUrl: string,
  token: string,
  files: readonly WorkloadFile[],
  lanes: number,
  spreadOverMs: number,
  onAccepted: (id: string) => void,
  tally: ClientTally,
): Promise<void> {
  let next = 0
  const t0 = Date.now()
  const interval = spreadOverMs / files.length
  const lane = async () => {
    while (next < files.length) {
      const index = next++
      const file = files[index]!
      // Spread the uploads over the fault window, so faults hit uploads in flight.
      await sleep(Math.max(0, t0 + index * interval - Date.now()))
      for (let attempt = 0; ; attempt++) {
        const outcome = await send(baseUrl, token, file, tally)
        if (outcome.kind === 'accepted') {
          onAccepted(outcome.id)
          break
        }
        if (outcome.kind === 'rejected') break // 4xx: the file itself is refused (e.g. empty)
        if (attempt > 300) throw new Error(`gave up on ${file.name}: ${outcome.reason}`)
        tally.retries += 1
        await sleep(250)
      }
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane))
}

/** A reader listing activities every `everyMs` until `until` settles, counting what it is answered. */
export async function readWhile(baseUrl: string, token: string, until: Promise<unknown>, tally: ClientTally, everyMs = 200): Promise<void> {
  let done = false
  const stop = () => void (done = true)
  until.then(stop, stop)
  while (!done) {
    try {
      const res = await fetch(`${baseUrl}/v1/activities?limit=5`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      })
      await tally.saw(res, 'GET /v1/activities')
      await res.arrayBuffer().catch(() => undefined)
    } catch {
      // no answer at all (the API is restarting): a client tries again
    }
    await sleep(everyMs)
  }
}

type Outcome = { kind: 'accepted'; id: string } | { kind: 'rejected' } | { kind: 'retry'; reason: string }

async function send(baseUrl: string, token: string, file: WorkloadFile, tally: ClientTally): Promise<Outcome> {
  try {
    const form = new FormData()
    form.append('file', new Blob([file.bytes]), file.name)
    const res = await fetch(`${baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
      signal: AbortSignal.timeout(30_000),
    })
    await tally.saw(res, `POST /v1/uploads ${file.name}`)
    if (res.status === 202) return { kind: 'accepted', id: ((await res.json()) as { uploads: { id: string }[] }).uploads[0]!.id }
    if (res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: 'rejected' }
    return { kind: 'retry', reason: `HTTP ${res.status}` }
  } catch (err) {
    return { kind: 'retry', reason: (err as Error).message }
  }
}
