import { availableParallelism } from 'node:os'
import { z } from 'zod'

/** Configuration from the environment, with CONTRACT.md's defaults. Read once, in main. */
const schema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/fitledger'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  STORAGE_URL: z
    .string()
    .regex(/^(file|s3):\/\//, 'must start with file:// or s3://')
    .default('file://./data/objects'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The base of the share links handed out, as browsers reach this service (behind a proxy, say). */
  PUBLIC_URL: z.string().url().optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).default(104_857_600),
  /** Cap on a file's size after gunzip. */
  MAX_UNCOMPRESSED_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(512 * 1024 * 1024),
  /** Archive caps (issue 6): going past one rejects the archive with `archive_rejected`. */
  ARCHIVE_MAX_ENTRIES: z.coerce.number().int().min(1).default(50_000),
  ARCHIVE_MAX_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 1024 * 1024 * 1024),
  ARCHIVE_MAX_ENTRY_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(64 * 1024 * 1024),
  ARCHIVE_MAX_RATIO: z.coerce.number().min(1).default(200),
  ARCHIVE_MAX_DEPTH: z.coerce.number().int().min(0).max(3).default(1),
  /** Heap cap of each parser thread, and the time one file may take. */
  PARSE_HEAP_MB: z.coerce.number().int().min(64).default(384),
  PARSE_TIMEOUT_S: z.coerce.number().int().min(1).default(60),
  /** An upload left queued or processing longer than this is queued again. */
  RECONCILE_AFTER_S: z.coerce.number().int().min(1).default(120),
  RECONCILE_EVERY_S: z.coerce.number().int().min(1).default(30),
  /** Per-token request budgets and the uploads one API process receives at once. */
  RATE_LIMIT_UPLOADS_PER_MIN: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_REPORTS_PER_MIN: z.coerce.number().int().min(1).default(600),
  MAX_CONCURRENT_UPLOADS: z.coerce.number().int().min(1).default(32),
  /**
   * Deadlines (issue 10): nothing waits for ever. Postgres cancels a statement, a lock wait and
   * a transaction left idle; a connection (new, or free in a full pool) is waited for so long.
   * Each is generous beside real work: a 100 MiB upload's streams are saved in seconds.
   */
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(120_000),
  PG_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Connections per process; unset, sized from the work the process does (cli/runtime.ts). */
  PG_POOL_MAX: z.coerce.number().int().min(1).optional(),
  /** S3: connecting, and a socket that goes quiet mid-request (inactivity, so big bodies are fine). */
  STORAGE_TIMEOUT_S: z.coerce.number().min(0.1).default(30),
  /** One job (an upload, an archive's expansion, a week, a re-analysis) may run so long, then it is retried. */
  JOB_TIMEOUT_S: z.coerce.number().min(1).default(900),
  /** `fitledger work` serves /metrics here; 0 turns it off. (`npm start` serves them on PORT.) */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Fault injection for `npm run chaos`: while this file exists, every storage call fails. */
  STORAGE_FAULT_FILE: z.string().min(1).optional(),
  QUEUE_PREFIX: z.string().min(1).default('fitledger'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Config = Readonly<z.infer<typeof schema>>

/** The parts a command plays; each variable says which of them read it. */
export type ConfigRole = 'database' | 'queue' | 'api' | 'worker' | 'import'

const EVERY_ROLE: readonly ConfigRole[] = ['database', 'queue', 'api', 'worker', 'import']

/** Who reads each variable, for `fitledger <command> --help`. A new variable must say (the type insists). */
export const READ_BY: { readonly [K in keyof Config]-?: readonly ConfigRole[] } = {
  DATABASE_URL: EVERY_ROLE,
  REDIS_URL: ['queue'],
  STORAGE_URL: ['queue'],
  S3_ENDPOINT: ['queue'],
  S3_REGION: ['queue'],
  S3_FORCE_PATH_STYLE: ['queue'],
  PORT: ['api'],
  HOST: ['api'],
  PUBLIC_URL: ['api'],
  WORKER_CONCURRENCY: ['worker'],
  MAX_UPLOAD_BYTES: ['api'],
  MAX_UNCOMPRESSED_BYTES: ['worker', 'import'],
  ARCHIVE_MAX_ENTRIES: ['worker', 'import'],
  ARCHIVE_MAX_TOTAL_BYTES: ['worker', 'import'],
  ARCHIVE_MAX_ENTRY_BYTES: ['worker', 'import'],
  ARCHIVE_MAX_RATIO: ['worker', 'import'],
  ARCHIVE_MAX_DEPTH: ['worker', 'import'],
  PARSE_HEAP_MB: ['worker'],
  PARSE_TIMEOUT_S: ['worker'],
  RECONCILE_AFTER_S: ['worker'],
  RECONCILE_EVERY_S: ['worker'],
  RATE_LIMIT_UPLOADS_PER_MIN: ['api'],
  RATE_LIMIT_REPORTS_PER_MIN: ['api'],
  MAX_CONCURRENT_UPLOADS: ['api'],
  STORAGE_FAULT_FILE: ['queue'],
  QUEUE_PREFIX: ['queue'],
  PG_STATEMENT_TIMEOUT_MS: ['queue'],
  PG_LOCK_TIMEOUT_MS: ['queue'],
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: ['queue'],
  PG_CONNECT_TIMEOUT_MS: ['queue'],
  PG_POOL_MAX: ['queue'],
  STORAGE_TIMEOUT_S: ['queue'],
  JOB_TIMEOUT_S: ['worker'],
  METRICS_PORT: ['worker'],
  LOG_LEVEL: EVERY_ROLE,
}

/** The variables that a command playing these roles reads, in the schema's order. */
export function variablesFor(roles: readonly ConfigRole[]): string[] {
  return Object.entries(READ_BY).flatMap(([name, by]) => (by.some((r) => roles.includes(r)) ? [name] : []))
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Validates the environment; a bad value throws a ConfigError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`)
  }
  return Object.freeze(result.data)
}
