import { Command, CommanderError } from 'commander'
import { type ConfigRole, variablesFor } from '../config.js'
import { FitledgerError } from '../errors.js'
import type { CliContext } from './context.js'
import { describeFailure } from './failure.js'
import { importCommand, type ImportOptions } from './import.js'
import { runInspect } from './inspect.js'
import { migrateCommand } from './migrate.js'
import { reportCommand } from './report.js'
import { serveCommand } from './serve.js'
import { readSourceFile } from './source-file.js'
import { startCommand } from './start.js'
import { syncCommand } from './sync.js'
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token.js'
import { userCreateCommand } from './user.js'
import { packageVersion } from './version.js'
import { workCommand } from './work.js'

// The AWS SDK warns on every start that a future release will need Node 22; we pin ours.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal))
  })
}

/** The help's last lines: the variables a command reads (README, Configuration, says what each does). */
function environmentHelp(names: readonly string[]): string {
  if (names.length === 0) return '\nEnvironment: none; this command needs no service.\n'
  const lines: string[] = []
  let line = ''
  for (const name of names) {
    const longer = line ? `${line}, ${name}` : name
    if (longer.length > 74 && line) {
      lines.push(`${line},`)
      line = name
    } else line = longer
  }
  lines.push(line)
  return `\nEnvironment (the README's Configuration says what each does):\n${lines.map((l) => `  ${l}`).join('\n')}\n`
}

/** A file `inspect` cannot read (a FIFO, a dangling link, …) fails alone, at once. */
async function readInspected(path: string): Promise<Uint8Array> {
  const read = await readSourceFile(path)
  if (read.kind === 'skip') throw new FitledgerError('bad_request', `cannot read the file: ${read.skip.message}`)
  return read.bytes
}

function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const run = (work: () => Promise<number>) => async () => setExit(await work())
  const program = new Command('fitledger')
    .description('Workout files in, weekly regimen answers out')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .addHelpText('after', environmentHelp(variablesFor(['database', 'queue', 'api', 'worker', 'import'])))
  /** A command's help names what it reads, from config.ts's READ_BY. */
  const reads = (command: Command, roles: readonly ConfigRole[], extra: readonly string[] = []) =>
    command.addHelpText('after', environmentHelp([...variablesFor(roles), ...extra]))

  reads(program.command('migrate').description('apply the migrations to DATABASE_URL (creating it if needed)'), ['database']).action(
    run(() => migrateCommand(ctx)),
  )
  reads(program.command('serve').description('run the HTTP API'), ['database', 'queue', 'api']).action(run(() => serveCommand(ctx)))
  reads(program.command('work').description('run one worker process'), ['database', 'queue', 'worker']).action(run(() => workCommand(ctx)))
  reads(program.command('start').description('migrate, then run the API and a worker together'), [
    'database',
    'queue',
    'api',
    'worker',
  ]).action(run(() => startCommand(ctx)))

  const user = program.command('user').description('manage users')
  reads(user.command('create'), ['database'])
    .description('create a user and print a fresh API token once')
    .requiredOption('--email <email>', "the user's email address")
    .option('--name <name>', 'display name')
    .option('--json', 'print {"id","email","token"}')
    .action((opts: { email: string; name?: string; json?: boolean }) => run(() => userCreateCommand(ctx, opts))())

  const token = program.command('token').description('manage API tokens')
  reads(token.command('create'), ['database'])
    .description('issue a new token for a user (shown once)')
    .requiredOption('--user <email>', 'the user')
    .option('--label <label>', 'what the token is for')
    .option('--json', 'print {"user_id","email","token"}')
    .action((opts: { user: string; label?: string; json?: boolean }) => run(() => tokenCreateCommand(ctx, opts))())
  reads(token.command('revoke'), ['database'])
    .description('revoke a token, by its value or its id')
    .argument('<token-or-id>')
    .requiredOption('--user <email>', 'the user')
    .action((value: string, opts: { user: string }) => run(() => tokenRevokeCommand(ctx, value, opts))())
  reads(token.command('list'), ['database'])
    .description("list a user's tokens (ids and labels)")
    .requiredOption('--user <email>', 'the user')
    .action((opts: { user: string }) => run(() => tokenListCommand(ctx, opts))())

  reads(program.command('report'), ['database'], ['PUBLIC_URL', 'HOST', 'PORT'])
    .description('the weekly report of a user')
    .requiredOption('--user <email>', "the user's email address")
    .option('--week <week>', "an ISO week like 2026-W47 (default: this week on the user's clock)")
    .option('--format <format>', 'table, json, html or csv', 'table')
    .option('--share', "print a read-only link to the week's HTML page, for any browser (shown once)")
    .option('--expires-in-days <days>', 'how long the link opens, 1 to 90 days (default 7)', (v) => Number(v))
    .action((opts: { user: string; week?: string; format: string; share?: boolean; expiresInDays?: number }) =>
      run(() => reportCommand(ctx, opts))(),
    )

  reads(program.command('inspect'), [])
    .description('analyse workout files offline (no service needed)')
    .argument('<files...>', 'FIT, GPX or TCX files, gzipped or not')
    .option('--json', 'one JSON object per activity and line')
    .option('--ignore-declared-sport', 'infer the sport as if the file declared none')
    .option('--profile <file>', 'athlete profile JSON')
    .action((files: string[], opts: { json?: boolean; ignoreDeclaredSport?: boolean; profile?: string }) =>
      run(() =>
        runInspect(
          files,
          {
            json: opts.json === true,
            ignoreDeclaredSport: opts.ignoreDeclaredSport === true,
            ...(opts.profile ? { profilePath: opts.profile } : {}),
          },
          { stdout: ctx.stdout, stderr: ctx.stderr, readFile: readInspected },
        ),
      )(),
    )
  reads(program.command('import'), ['database', 'queue', 'import'])
    .description('import files, folders and zip exports (Strava, Garmin) through the same queue as the API')
    .argument('<paths...>', 'files, folders (recursively) and .zip archives')
    .requiredOption('--user <email>', 'the user to import for')
    .option('--wait', 'wait until the workers have processed everything, then print the final counts')
    .option('--dry-run', 'report what would be added, skipped and merged; store nothing')
    .option('--verbose', 'print a line per file: what was done with it (or would be) and why')
    .option('--json', 'print one JSON object: the counts, and an entry per file with its outcome')
    .action((paths: string[], opts: ImportOptions) => run(() => importCommand(ctx, paths, opts))())
  reads(program.command('sync'), ['database', 'queue', 'import'], ['FITLEDGER_STATE_DIR'])
    .description('watch a folder and upload each new or changed workout file once, across restarts')
    .argument('<dir>', 'the folder to watch; it must exist, and while it is gone (unplugged) sync waits for it')
    .requiredOption('--user <email>', 'the user to upload for')
    .action((dir: string, opts: { user: string }) => run(() => syncCommand(ctx, dir, opts))())
  return program
}

/** `fitledger … | head` closes the pipe early: the reader has what it wanted, so stop quietly. */
function stopQuietlyOnClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
  })
  return stream
}

/** Runs one command and returns its exit code; expected failures print one line, not a stack. */
export async function main(argv: readonly string[], ctx?: Partial<CliContext>): Promise<number> {
  const context: CliContext = {
    env: ctx?.env ?? process.env,
    stdout: ctx?.stdout ?? stopQuietlyOnClosedPipe(process.stdout),
    stderr: ctx?.stderr ?? process.stderr,
    stopSignal: ctx?.stopSignal ?? stopSignal(),
  }
  let code = 0
  try {
    await buildProgram(context, (c) => (code = c)).parseAsync([...argv], { from: 'user' })
    return code
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode
    const failure = describeFailure(err, context.env)
    for (const line of failure.lines) context.stderr.write(`${line}\n`)
    return failure.code
  }
}
