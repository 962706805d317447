import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3ObjectStore } from '../../src/storage/s3.js'
import { activityFiles } from '../helpers/exports.js'
import { startS3Server, type TestS3Server } from '../helpers/s3-server.js'
import { type Stack, startStack, waitForUpload } from '../helpers/stack.js'
import { buildZip } from '../helpers/zip.js'

// The whole pipeline with S3 as the object store (s3rver on loopback): single files and an
// archive, whose worker streams the zip out of the bucket.
let s3: TestS3Server
let store: S3ObjectStore
let stack: Stack
let user: Awaited<ReturnType<Stack['user']>>

beforeAll(async () => {
  s3 = await startS3Server()
  store = new S3ObjectStore({
    bucket: s3.bucket,
    prefix: 'objects',
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: s3.credentials,
  })
  stack = await startStack({ storage: store })
  user = await stack.user()
})
afterAll(async () => {
  await stack?.close()
  await store?.close()
  await s3?.close()
})

describe('the pipeline on S3', () => {
  it('stores an upload in the bucket, and the worker reads it back into an activity', async () => {
    const [file] = activityFiles(1, 5)
    const res = await stack.app.inject({
      method: 'POST',
      url: `/v1/uploads?filename=${file!.name}`,
      headers: { ...user.headers, 'content-type': 'application/octet-stream' },
      body: Buffer.from(file!.bytes),
    })
    expect(res.statusCode).toBe(202)
    const done = await waitForUpload(stack, user.headers, res.json().uploads[0].id)
    expect(done).toMatchObject({ status: 'done', error: null })
    const row = await stack.testDb.db.selectFrom('uploads').select('object_key').where('id', '=', String(done.id)).executeTakeFirstOrThrow()
    expect(await store.has(row.object_key)).toBe(true)
    const ready = await stack.app.inject({ url: '/readyz' })
    expect(ready.json().checks.storage).toBe('ok')
  })

  it('expands an archive held in the bucket', async () => {
    const other = await stack.user() // the generated files start on the same days as above
    const files = activityFiles(3, 6)
    const zip = await buildZip(files.map((f) => ({ name: `activities/${f.name}`, bytes: f.bytes })))
    const res = await stack.app.inject({
      method: 'POST',
      url: '/v1/uploads?filename=export.zip',
      headers: { ...other.headers, 'content-type': 'application/zip' },
      body: zip,
    })
    const parent = await waitForUpload(stack, other.headers, res.json().uploads[0].id)
    expect(parent).toMatchObject({ kind: 'archive', status: 'done', counts: { done: 3, failed: 0, queued: 0, processing: 0 } })
  })
})
