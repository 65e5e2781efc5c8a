import { describe, expect, test } from 'vitest';
import { GatewayError } from './errors.ts';
import { createJsonLogger, toYogaLogger } from './logger.ts';

function capture(level?: Parameters<typeof createJsonLogger>[0]) {
  const lines: string[] = [];
  const logger = createJsonLogger({ now: () => new Date(0), write: (l) => lines.push(l), ...level });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createJsonLogger', () => {
  test('writes one JSON object per line with time, level, message, base and fields', () => {
    const { logger, lines } = capture({ base: { service: 'gw' } });
    logger.info('listening', { port: 4000 });
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"info","msg":"listening","service":"gw","port":4000}\n',
    ]);
  });

  test('drops lines below the level; silent drops all', () => {
    const warn = capture({ level: 'warn' });
    warn.logger.debug('a');
    warn.logger.info('b');
    warn.logger.warn('c');
    warn.logger.error('d');
    expect(warn.parsed().map((e) => e['msg'])).toEqual(['c', 'd']);
    const silent = capture({ level: 'silent' });
    silent.logger.error('x');
    expect(silent.lines).toEqual([]);
  });

  test('errors are written with name, message, code, stack and cause', () => {
    const { logger, parsed } = capture();
    logger.error('failed', { err: new GatewayError('OVERLOADED', 'full', { cause: new Error('root') }) });
    const err = parsed()[0]?.['err'] as Record<string, unknown>;
    expect(err).toMatchObject({ name: 'GatewayError', message: 'full', code: 'OVERLOADED' });
    expect(err['stack']).toContain('GatewayError');
    expect(err['cause']).toMatchObject({ name: 'Error', message: 'root' });
  });

  test('unserializable fields do not throw', () => {
    const { logger, parsed } = capture();
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    logger.warn('odd', { loop });
    expect(parsed()[0]).toMatchObject({ msg: 'odd', note: 'fields not serializable' });
  });
});

describe('toYogaLogger', () => {
  test('turns yoga-style arguments into message and fields', () => {
    const { logger, parsed } = capture({ level: 'debug' });
    const yoga = toYogaLogger(logger);
    yoga.error(new Error('boom'));
    yoga.debug('Parsing request', { a: 1 });
    expect(parsed()[0]).toMatchObject({ level: 'error', msg: 'boom', err: { message: 'boom' } });
    expect(parsed()[1]).toMatchObject({ level: 'debug', msg: 'Parsing request', args: [{ a: 1 }] });
  });
});
