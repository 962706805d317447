import type { WorkloadFile } from '../../fixtures/workload.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

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
  onRetry: () => void,
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
        const outcome = await send(baseUrl, token, file)
        if (outcome.kind === 'accepted') {
          onAccepted(outcome.id)
          break
        }
        if (outcome.kind === 'rejected') break // 4xx: the file itself is refused (e.g. empty)
        if (attempt > 300) throw new Error(`gave up on ${file.name}: ${outcome.reason}`)
        onRetry()
        await sleep(250)
      }
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane))
}

type Outcome = { kind: 'accepted'; id: string } | { kind: 'rejected' } | { kind: 'retry'; reason: string }

async function send(baseUrl: string, token: string, file: WorkloadFile): Promise<Outcome> {
  try {
    const form = new FormData()
    form.append('file', new Blob([file.bytes]), file.name)
    const res = await fetch(`${baseUrl}/v1/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form, signal: AbortSignal.timeout(30_000) })
    if (res.status === 202) return { kind: 'accepted', id: ((await res.json()) as { uploads: { id: string }[] }).uploads[0]!.id }
    if (res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: 'rejected' }
    return { kind: 'retry', reason: `HTTP ${res.status}` }
  } catch (err) {
    return { kind: 'retry', reason: (err as Error).message }
  }
}
