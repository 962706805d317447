/**
 * The OpenAPI description at /docs/json, complete enough for client generators: servers, an
 * operationId on every operation, and the error answers with their shape. Routes document their
 * own success bodies in their schemas; what every route shares is added here, in one place, to
 * the document only (nothing here changes how a reply is serialised).
 */
import type { OpenAPIV3 } from 'openapi-types'
import { ERROR_CODES } from '../errors.js'

type Document = Partial<OpenAPIV3.Document>
type Operation = OpenAPIV3.OperationObject

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const

export const ERROR_SCHEMA: OpenAPIV3.SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: [...ERROR_CODES],
          description: 'For machines; never changes (README lists them)',
          example: 'bad_request',
        },
        message: { type: 'string', description: 'For people: what was wrong with this request' },
      },
    },
  },
}

const errorAnswer = (description: string): OpenAPIV3.ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
})

const CLIENT_ERRORS = errorAnswer(
  "Refused: bad_request (400), unauthorized (401), not_found (404, also for another user's resource), too_large (413), " +
    'unsupported_media_type (415) or rate_limited (429, with Retry-After)',
)
const SERVER_ERRORS = errorAnswer('unavailable (503, with Retry-After: a dependency is down; retry) or internal (500)')

/** `GET /v1/activities/{id}/streams` → `getActivitiesByIdStreams`: stable, unique and readable. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/v1(?=\/)/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1]
      const word = (param ?? segment).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())
      const pascal = word.charAt(0).toUpperCase() + word.slice(1)
      return param ? `By${pascal}` : pascal
    })
  return method.toLowerCase() + words.join('')
}

/** Adds what every operation shares; an operation's own entries win. */
export function completeOpenApi(doc: Document, servers: OpenAPIV3.ServerObject[]): Document {
  const paths: OpenAPIV3.PathsObject = {}
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const completed: OpenAPIV3.PathItemObject = { ...item }
    for (const method of METHODS) {
      const op = item?.[method] as Operation | undefined
      if (!op) continue
      completed[method] = {
        ...op,
        operationId: op.operationId ?? operationIdFor(method, path),
        responses: { ...op.responses, '4XX': op.responses?.['4XX'] ?? CLIENT_ERRORS, '5XX': op.responses?.['5XX'] ?? SERVER_ERRORS },
      }
    }
    paths[path] = completed
  }
  return {
    ...doc,
    servers,
    paths,
    components: { ...doc.components, schemas: { ...doc.components?.schemas, Error: ERROR_SCHEMA } },
  }
}
