// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

/** The pure core does no I/O (STYLE.md): these imports would break that. */
const IO_MODULES = [
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'net', 'node:net', 'http', 'node:http',
  'child_process', 'node:child_process', 'pg', 'kysely', 'ioredis', 'bullmq', 'fastify', 'pino',
  '@aws-sdk/client-s3',
]

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'fixtures/out/', 'data/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
      ],
    },
  },
)
