// `cirrus`, the operator's CLI: works directly on the data dir (SQLite in WAL mode, so it may run
// beside the server). Exit codes: 0 done, 2 the operator's mistake, 1 anything unexpected.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, refuseEnvOnlyFlags, SETTING_FLAGS, type Config } from '../config.ts';
import { CirrusError, type ErrorKind } from '../core/errors.ts';
import { init, showBootstrap } from './bootstrap.ts';
import { createAdminKey, listKeys, revokeKey } from './keys.ts';
import { CliError, printer, UsageError, type Printer } from './output.ts';

const USAGE = `Usage: cirrus <command> [options]

Commands:
  init                       Create the store and the bootstrap identity in a fresh home and
                             print the admin cloud API key and secret
  bootstrap                  Show bootstrap.json (secrets only with --show-secrets)
  keys list                  List every API key (id, kind, owner, name, created; never secrets)
  keys create-admin          Create a cloud API key for the bootstrap admin user, to recover
      [--name NAME]          access; the secret is printed once
  keys revoke KEY_ID         Delete an API key; the server rejects it from the next request
  help                       Show this text

Options:
  --home DIR                 The Cirrus home (default: $CIRRUS_HOME, else .cirrus)
  --json                     Print one JSON document for scripts instead of friendly text
  --show-secrets             bootstrap: include the secrets
  --name NAME                keys create-admin: the key's display name
  -h, --help                 Show this text

The server's settings flags and variables also apply (e.g. --host, --port and --broker-port
set the endpoint \`cirrus init\` writes). The master key comes from CIRRUS_MASTER_KEY or a file
(--master-key-file FILE / CIRRUS_MASTER_KEY_FILE), never from the command line itself.
`;

/** Options of the CLI itself; the server's settings flags are added to them. */
const CLI_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'show-secrets': { type: 'boolean' },
  name: { type: 'string' },
} as const;

/** Options that mean something to one command only; elsewhere they are a mistake worth saying. */
const COMMAND_OF_OPTION: Record<string, string> = { 'show-secrets': 'bootstrap', name: 'keys create-admin' };

/** Errors of these kinds are about what the operator asked (an unknown key id, say). */
const OPERATOR_KINDS: readonly ErrorKind[] = ['invalid_request', 'invalid_config', 'not_found', 'already_exists', 'conflict'];

interface Invocation {
  command: string[];
  values: Record<string, string | boolean | undefined>;
  settingsArgv: string[];
}

function parse(argv: string[]): Invocation {
  try {
    refuseEnvOnlyFlags(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const options = { ...Object.fromEntries(SETTING_FLAGS.map((flag) => [flag, { type: 'string' as const }])), ...CLI_OPTIONS };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  // loadConfig's parser is strict: hand it the settings flags only.
  const settingsArgv = SETTING_FLAGS.flatMap((flag) => (typeof values[flag] === 'string' ? [`--${flag}`, values[flag]] : []));
  return { command: parsed.positionals, values, settingsArgv };
}

function checkOptions(invocation: Invocation, command: string): void {
  for (const [name, only] of Object.entries(COMMAND_OF_OPTION)) {
    if (only !== command && invocation.values[name] !== undefined) {
      throw new UsageError(`--${name} applies only to \`cirrus ${only}\``);
    }
  }
}

function expectArgs(rest: string[], names: string[], command: string): void {
  if (rest.length < names.length) throw new UsageError(`\`cirrus ${command}\` needs ${names.join(' ')}`);
  if (rest.length > names.length) throw new UsageError(`unexpected argument "${rest[names.length]}" for \`cirrus ${command}\``);
}

async function dispatch(invocation: Invocation, config: () => Config, out: Printer): Promise<void> {
  const [first, second, ...rest] = invocation.command;
  const command = first === 'keys' && second !== undefined ? `keys ${second}` : first ?? '';
  const args = first === 'keys' ? rest : invocation.command.slice(1);
  checkOptions(invocation, command);
  switch (command) {
    case 'init':
      expectArgs(args, [], command);
      return init(config(), out);
    case 'bootstrap':
      expectArgs(args, [], command);
      return showBootstrap(config(), out, invocation.values['show-secrets'] === true);
    case 'keys list':
      expectArgs(args, [], command);
      return listKeys(config(), out);
    case 'keys create-admin': {
      expectArgs(args, [], command);
      const name = invocation.values.name;
      if (typeof name === 'string' && name.trim() === '') throw new UsageError('--name must not be empty');
      return createAdminKey(config(), out, typeof name === 'string' ? name : undefined);
    }
    case 'keys revoke':
      expectArgs(args, ['KEY_ID'], command);
      return revokeKey(config(), out, args[0]!);
    case 'keys':
      throw new UsageError('`cirrus keys` needs a subcommand: list, create-admin or revoke', true);
    default:
      throw new UsageError(first === 'keys' ? `unknown keys subcommand "${second}"` : `unknown command "${first}"`, true);
  }
}

/** Runs one command line; returns the exit code. Never throws, never prints a stack. */
async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const fail = (message: string, code: number, more = '') => {
    process.stderr.write(`cirrus: ${message}\n${more}`);
    return code;
  };
  try {
    const invocation = parse(argv);
    const [first] = invocation.command;
    if (invocation.values.help === true || first === undefined || first === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const config = () => {
      try {
        return loadConfig(env, invocation.settingsArgv);
      } catch (err) {
        throw err instanceof ConfigError ? new CliError(err.message) : err;
      }
    };
    await dispatch(invocation, config, printer(invocation.values.json === true));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) return fail(err.message, 2, err.showUsage ? `\n${USAGE}` : 'Run `cirrus --help` for usage.\n');
    if (err instanceof CliError) return fail(err.message, err.exitCode);
    if (err instanceof CirrusError) return fail(err.message, OPERATOR_KINDS.includes(err.kind) ? 2 : 1);
    return fail(err instanceof Error ? err.message : String(err), 1);
  }
}

// `cirrus keys list | head` closes our stdout early: not a failure of the command, and it must
// not surface as an unhandled 'error' event with a stack trace. The command still completes.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  process.stderr.write(`cirrus: cannot write the output: ${err.message}\n`);
  process.exitCode = 1;
});
process.exitCode = await runCli(process.argv.slice(2));
