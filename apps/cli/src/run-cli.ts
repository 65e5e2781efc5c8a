import { stripVTControlCharacters } from 'node:util';
import { type ArgsDef, type CommandDef, renderUsage, runCommand } from 'citty';
import { suggest } from './config-file.ts';
import { CliError, usageErrorCodes } from './errors.ts';
import { type CliIo, processIo, writeLine } from './io.ts';
import { describeKnownError } from './known-errors.ts';
import { createMainCommand, version } from './main-command.ts';

/**
 * The process exit codes: 0 success, 1 a usage or data error, 2 an internal error, 130 / 143 a run stopped by
 * SIGINT / SIGTERM (after saving a checkpoint).
 */
export type ExitCode = 0 | 1 | 2 | 130 | 143;

// biome-ignore lint/suspicious/noExplicitAny: citty's command types are generic over each command's own args
type AnyCommand = CommandDef<any>;

async function resolve<T>(value: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof value === 'function' ? (value as () => T | Promise<T>)() : value;
}

/** The command `argv` names (following subcommand names), its parent, and the arguments after its name. */
async function resolveCommand(
  main: AnyCommand,
  argv: readonly string[],
): Promise<{ cmd: AnyCommand; parent: AnyCommand | undefined; rest: string[] }> {
  let cmd = main;
  let parent: AnyCommand | undefined;
  let rest = [...argv];
  for (;;) {
    const subs = await resolve(cmd.subCommands);
    const at = rest.findIndex((a) => !a.startsWith('-'));
    if (!subs || at < 0 || rest.slice(0, at).includes('--')) break;
    const name = rest[at] as string;
    let sub: AnyCommand | undefined = name in subs ? await resolve(subs[name]) : undefined;
    for (const candidate of Object.values(subs)) {
      if (sub) break;
      const resolved: AnyCommand = await resolve(candidate);
      const alias = (await resolve(resolved.meta))?.alias;
      if ((Array.isArray(alias) ? alias : [alias]).includes(name)) sub = resolved;
    }
    if (!sub) break;
    parent = cmd;
    cmd = sub;
    rest = rest.slice(at + 1);
  }
  return { cmd, parent, rest };
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Rejects flags the command does not define and stray arguments (citty would silently ignore them). */
async function checkArgs(cmd: AnyCommand, rest: readonly string[]): Promise<void> {
  const defs: ArgsDef = (await resolve(cmd.args)) ?? {};
  const known = new Map<string, { type?: string }>();
  for (const [name, def] of Object.entries(defs)) {
    const aliases = 'alias' in def ? [def.alias ?? []].flat() : [];
    for (const n of [name, camel(name), kebab(name), ...aliases]) known.set(n, def);
    if (def.type === 'boolean') known.set(`no-${kebab(name)}`, def);
  }
  const positionals = Object.values(defs).some((d) => d.type === 'positional');
  const subs = await resolve(cmd.subCommands);
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as string;
    if (token === '--') return;
    if (!token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      if (!positionals && !subs) throw new CliError('USAGE', `unexpected argument "${token}"`);
      continue;
    }
    const name = token.replace(/^--?/, '').split('=')[0] as string;
    const def = known.get(name);
    if (!def) {
      const near = suggest(
        name,
        [...known.keys()].filter((k) => k.length > 1 && k === kebab(k)),
      );
      throw new CliError(
        'USAGE',
        `unknown option ${token.split('=')[0]}${near ? ` (did you mean --${near}?)` : ''}`,
      );
    }
    if ((def.type === 'string' || def.type === 'enum') && !token.includes('=')) {
      if (i + 1 >= rest.length) throw new CliError('USAGE', `option ${token} needs a value`);
      i++;
    }
  }
}

/**
 * Runs the `sentikit` command line and returns the exit code instead of exiting: 0 on success; 1 for usage
 * errors (usage + message on stderr) and data errors (one line); 2 for internal errors (message and stack);
 * 130 / 143 when SIGINT / SIGTERM stopped a training run (it saved a checkpoint first).
 * `--help`/`-h` prints the usage of the named (sub)command on stdout; `--version` the version.
 * @param argv the arguments after the program name, e.g. `process.argv.slice(2)`
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  main: AnyCommand = createMainCommand(io),
): Promise<ExitCode> {
  const { cmd, parent, rest } = await resolveCommand(main, argv);
  const usage = async (tty: boolean | undefined) => {
    const text = await renderUsage(cmd, parent);
    return tty ? text : stripVTControlCharacters(text);
  };
  try {
    const dashes = argv.indexOf('--');
    const flags = dashes < 0 ? argv : argv.slice(0, dashes);
    if (flags.includes('--help') || flags.includes('-h')) {
      writeLine(io.stdout, await usage(io.stdout.isTTY));
      return 0;
    }
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      writeLine(io.stdout, (await resolve(main.meta))?.version ?? version);
      return 0;
    }
    await checkArgs(cmd, rest);
    await runCommand(main, { rawArgs: [...argv] });
    return 0;
  } catch (error) {
    const cittyUsage = error instanceof Error && error.name === 'CLIError';
    if (cittyUsage || (error instanceof CliError && usageErrorCodes.has(error.code))) {
      writeLine(io.stderr, await usage(io.stderr.isTTY));
      writeLine(io.stderr);
      writeLine(io.stderr, `error: ${stripVTControlCharacters((error as Error).message)}`);
      return 1;
    }
    const known = describeKnownError(error);
    if (known) {
      writeLine(io.stderr, `${known.exitCode === 1 ? 'error' : 'stopped'}: ${known.message}`);
      return known.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeLine(io.stderr, `internal error: ${detail}`);
    return 2;
  }
}
