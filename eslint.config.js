// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

/** The pure core does no I/O (STYLE.md): these imports would break that. */
const IO_MODULES = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'child_process',
  'node:child_process',
  'pg',
  'kysely',
  'ioredis',
  'bullmq',
  'fastify',
  'pino',
  '@aws-sdk/client-s3',
]

/** Date methods that read or write the host's local time (the pure core works in UTC or a named zone). */
const LOCAL_TIME_METHODS = [
  'getFullYear',
  'getMonth',
  'getDate',
  'getDay',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getMilliseconds',
  'getTimezoneOffset',
  'setFullYear',
  'setMonth',
  'setDate',
  'setHours',
  'setMinutes',
  'setSeconds',
  'setMilliseconds',
  'toDateString',
  'toTimeString',
  'toLocaleDateString',
  'toLocaleTimeString',
]

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'fixtures/out/', 'data/', 'test-artifacts/', 'test/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier wraps code at 140 (.prettierrc.json); what it cannot wrap (comments) is kept there by hand.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ['src/model.ts', 'src/errors.ts', 'src/parse/**', 'src/analyse/**', 'src/aggregate/**', 'src/report/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: IO_MODULES }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The pure core takes its inputs as arguments.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass "now" in as an argument.' },
        { object: 'Math', property: 'random', message: 'Pass a seed in as an argument.' },
        // Issue 10, item 4: the host's time zone must never change a result.
        { object: 'Date', property: 'parse', message: "Date.parse reads a time without a zone in the host's zone; use parse/iso-time.ts." },
        ...LOCAL_TIME_METHODS.map((property) => ({
          property,
          message: "Local time depends on the host's zone; use the getUTC* methods or aggregate/local-time.ts.",
        })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length>1]", message: 'new Date(y, m, …) is local time; use Date.UTC.' },
        {
          selector: "NewExpression[callee.name='Date'] > Literal[value=/./]",
          message: "new Date(text) reads the host's zone; use parse/iso-time.ts.",
        },
      ],
    },
  },
)
