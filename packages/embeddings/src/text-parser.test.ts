import { expect, test } from 'vitest';
import { TextParser } from './text-parser.ts';
import { CollectSink } from './vector-sink.ts';

test('a line longer than the limit is LINE_TOO_LONG instead of growing without bound', () => {
  const parser = new TextParser(new CollectSink(1000, false), 'f.txt', false, 100);
  parser.push(Buffer.from('a 1 2\nb'));
  parser.push(Buffer.from(' 1'.repeat(30)));
  expect(() => parser.push(Buffer.from(' 1'.repeat(30)))).toThrow(
    expect.objectContaining({ code: 'LINE_TOO_LONG', line: 2, message: 'f.txt:2: a line is over 100 bytes' }),
  );
});

test('lines split at every byte position give the same vectors', () => {
  const text = Buffer.from('\ufeffcafé 1.5 -2\r\n日本 3e-2 4\r\n\r\nx 5 6');
  for (let cut = 0; cut <= text.length; cut++) {
    const sink = new CollectSink(text.length, false);
    const parser = new TextParser(sink, 'f.txt', false);
    parser.push(text.subarray(0, cut));
    parser.push(text.subarray(cut));
    expect(parser.end()).toEqual({ dim: 2, records: 3, lines: 4 });
    expect(sink.words).toEqual(['café', '日本', 'x']);
    expect(Array.from(sink.finish())).toEqual([1.5, -2, Math.fround(3e-2), 4, 5, 6]);
  }
});
