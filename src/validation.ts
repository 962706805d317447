/**
 * One way to check input, for every route and the command line (issue 12): JSON Schema through
 * Ajv, with unknown fields refused rather than dropped, and messages a person can act on: each
 * names the field and the allowed values or range. The routes' schemas also feed /docs.
 */
import { Ajv, type ErrorObject, type Options } from 'ajv'
import { FitledgerError } from './errors.js'

/** Fastify's defaults, except that an unknown field is an error, never silently removed. */
export const AJV_OPTIONS = {
  removeAdditional: false,
  useDefaults: true,
  coerceTypes: 'array',
  allErrors: false,
  verbose: true, // errors carry their schema, so a message can list what is allowed
} as const satisfies Options

type Schema = Record<string, unknown>

/**
 * A copy of the schema in which every object that does not say otherwise refuses unknown
 * fields, at every depth: a new route's schema is strict without anyone remembering to.
 */
export function closeObjects<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(closeObjects) as T
  if (typeof schema !== 'object' || schema === null) return schema
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema as Schema))
    out[key] = key === 'enum' || key === 'default' || key === 'examples' ? value : closeObjects(value)
  const types = ([] as unknown[]).concat(out.type)
  if (types.includes('object') && out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false
  return out as T
}

/** `/goals/cardio_sessions` → `goals.cardio_sessions`; `/0/kcal` → `[0].kcal`. */
function fieldName(instancePath: string, where: string): string {
  if (instancePath === '') return where
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replaceAll('~1', '/').replaceAll('~0', '~')}`))
    .join('')
    .replace(/^\./, '')
}

const typeWords = (type: unknown): string =>
  ([] as unknown[])
    .concat(type)
    .map((t) =>
      t === 'null'
        ? 'null'
        : t === 'integer'
          ? 'a whole number'
          : t === 'array'
            ? 'a list'
            : t === 'object'
              ? 'an object'
              : `a ${String(t)}`,
    )
    .join(' or ')

/** One sentence for one failed keyword. */
function sentence(e: ErrorObject, where: string): string {
  const field = fieldName(e.instancePath, where)
  const p = e.params as Record<string, unknown>
  switch (e.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: Schema } | undefined)?.properties ?? {})
      const inField = e.instancePath === '' ? '' : ` in ${field}`
      return `unknown field "${String(p.additionalProperty)}"${inField}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`
    }
    case 'required':
      return `${e.instancePath === '' ? '' : `${field}.`}${String(p.missingProperty)} is required`
    case 'enum':
      return `${field} must be one of ${(p.allowedValues as unknown[]).map((v) => (v === null ? 'null' : String(v))).join(', ')}`
    case 'type':
      return `${field} must be ${typeWords(p.type)}`
    case 'minimum':
    case 'exclusiveMinimum':
      return `${field} must be ${e.keyword === 'minimum' ? 'at least' : 'more than'} ${String(p.limit)}`
    case 'maximum':
    case 'exclusiveMaximum':
      return `${field} must be ${e.keyword === 'maximum' ? 'at most' : 'less than'} ${String(p.limit)}`
    case 'minLength':
      return `${field} must have at least ${String(p.limit)} characters`
    case 'maxLength':
      return `${field} must have at most ${String(p.limit)} characters`
    case 'minItems':
    case 'maxItems':
      return `${field} must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p.limit)} items`
    case 'minProperties':
      return `${field} must have at least ${String(p.limit)} field${p.limit === 1 ? '' : 's'}`
    case 'pattern':
      return `${field} must look like ${(e.parentSchema as { description?: string } | undefined)?.description ?? `/${String(p.pattern)}/`}`
    case 'format':
      return `${field} must be a ${String(p.format)}`
    default:
      return `${field} ${e.message ?? 'is not valid'}`
  }
}

/**
 * The message for a failed check. Of the errors Ajv gives, the one deepest in the input is the
 * one to fix: a `oneOf` (one day, or a list of days) then reports the field inside the branch
 * that was meant, not that no branch matched.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[], where: string): string {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if')
  const pool = specific.length > 0 ? specific : errors
  const deepest = pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best), pool[0]!)
  return sentence(deepest, where)
}

/** A validator for the command line, with the same options and messages as the API's. */
export function compileValidator<T>(schema: object, where: string): (input: unknown) => T {
  const check = new Ajv(AJV_OPTIONS).compile(closeObjects(schema))
  return (input) => {
    if (!check(input)) throw new FitledgerError('bad_request', describeSchemaErrors(check.errors ?? [], where))
    return input as T
  }
}
