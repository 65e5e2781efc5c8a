import { defineCommand } from 'citty';
import { describe, expect, test } from 'vitest';
import { memoryIo } from '../test/memory-io.ts';
import { CliError } from './errors.ts';
import { runCli } from './run-cli.ts';

/** A small command tree whose run bodies throw what the test asks for. */
function fixture(fail?: unknown) {
  const ran: unknown[] = [];
  const go = defineCommand({
    meta: { name: 'go', description: 'Does a thing' },
    args: {
      count: { type: 'string', description: 'How many' },
      'dry-run': { type: 'boolean', description: 'Pretend' },
      mode: { type: 'enum', options: ['a', 'b'], description: 'Mode' },
    },
    run({ args }) {
      ran.push({ count: args.count, dryRun: args['dry-run'], mode: args.mode });
      if (fail) throw fail;
    },
  });
  const main = defineCommand({
    meta: { name: 'tool', version: '9.9.9', description: 'A tool' },
    subCommands: { go },
  });
  return { main, ran };
}

describe('runCli', () => {
  test('runs the subcommand and returns 0', async () => {
    const { main, ran } = fixture();
    const { io, stderr } = memoryIo();
    expect(await runCli(['go', '--count', '3', '--dry-run', '--mode=b'], io, main)).toBe(0);
    expect(ran).toEqual([{ count: '3', dryRun: true, mode: 'b' }]);
    expect(stderr()).toBe('');
  });

  test('--help prints the usage of the named command on stdout without running it, --version the version', async () => {
    const { main, ran } = fixture();
    const help = memoryIo();
    expect(await runCli(['go', '--help'], help.io, main)).toBe(0);
    expect(help.stdout()).toContain('USAGE tool go [OPTIONS]');
    expect(help.stdout()).toContain('--dry-run');
    expect(help.stdout()).not.toContain('\u001b[');
    expect(ran).toEqual([]);
    const top = memoryIo();
    expect(await runCli(['-h'], top.io, main)).toBe(0);
    expect(top.stdout()).toContain('COMMANDS');
    const version = memoryIo();
    expect(await runCli(['--version'], version.io, main)).toBe(0);
    expect(version.stdout()).toBe('9.9.9\n');
  });

  test.each([
    [['go', '--cont', '3'], 'error: unknown option --cont (did you mean --count?)'],
    [['go', 'extra'], 'error: unexpected argument "extra"'],
    [['go', '--count'], 'error: option --count needs a value'],
    [['go', '--mode', 'c'], 'error: Invalid value for argument: --mode (c). Expected one of: a, b.'],
    [['nope'], 'error: Unknown command nope'],
    [[], 'error: No command specified.'],
  ])('usage error %j prints usage and the message, exit 1', async (argv, message) => {
    const { main, ran } = fixture();
    const { io, stderr, stdout } = memoryIo();
    expect(await runCli(argv, io, main)).toBe(1);
    expect(stderr()).toContain('USAGE tool');
    expect(stderr().trimEnd().split('\n').at(-1)).toBe(message);
    expect(stdout()).toBe('');
    expect(ran).toEqual([]);
  });

  test('a usage CliError from a run body prints usage; a data error only the message; both exit 1', async () => {
    const usage = memoryIo();
    expect(await runCli(['go'], usage.io, fixture(new CliError('INVALID_CONFIG', 'epochs: bad')).main)).toBe(
      1,
    );
    expect(usage.stderr()).toContain('USAGE tool go');
    expect(usage.stderr()).toMatch(/error: epochs: bad\n$/);
    const data = memoryIo();
    expect(
      await runCli(['go'], data.io, fixture(new CliError('BAD_RECORD', 'x.csv:3: empty text')).main),
    ).toBe(1);
    expect(data.stderr()).toBe('error: x.csv:3: empty text\n');
  });

  test('internal errors exit 2 with the stack', async () => {
    const bug = memoryIo();
    expect(await runCli(['go'], bug.io, fixture(new TypeError('x is undefined')).main)).toBe(2);
    expect(bug.stderr()).toMatch(/^internal error: TypeError: x is undefined\n\s+at /);
  });

  test('the real command tree: every command has help, train rejects a typo', async () => {
    for (const name of ['train', 'evaluate', 'predict', 'info', 'data']) {
      const { io, stdout } = memoryIo();
      expect(await runCli([name, '--help'], io)).toBe(0);
      expect(stdout()).toContain(`USAGE sentikit ${name}`);
    }
    const { io, stderr } = memoryIo();
    expect(await runCli(['train', '--epoch', '3'], io)).toBe(1);
    expect(stderr()).toMatch(/error: unknown option --epoch \(did you mean --epochs\?\)\n$/);
  });
});
