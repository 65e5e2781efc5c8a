import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { describe, expect, test } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { assertServable, sentimentOf } from './schema.ts';
import { graphql, testGateway } from './test-support.ts';

describe('schema', () => {
  test('every type, field, argument and enum value has a description', async () => {
    const gateway = testGateway(createFakeClassifier(), { introspection: true });
    const reply = await graphql(gateway, getIntrospectionQuery());
    const schema = (reply.body.data as unknown as IntrospectionQuery).__schema;
    const own = schema.types.filter(
      (t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
    );
    expect(own.map((t) => t.name).sort()).toEqual([
      'Classification',
      'LabelProbability',
      'ModelInfo',
      'Query',
      'Sentiment',
      'TrainingMetric',
    ]);
    const missing: string[] = [];
    for (const type of own) {
      if (!type.description?.trim()) missing.push(type.name);
      if (type.kind === 'OBJECT') {
        for (const field of type.fields) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args)
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (type.kind === 'ENUM') {
        for (const value of type.enumValues)
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('the argument descriptions state the configured limits', async () => {
    const gateway = testGateway(createFakeClassifier(), {
      maxTextChars: 123,
      maxBatch: 7,
      introspection: true,
    });
    const reply = await graphql(
      gateway,
      '{ __type(name: "Query") { fields { name args { description } } } }',
    );
    type Field = { name: string; args: { description: string }[] };
    const fields = (reply.body.data?.['__type'] as { fields: Field[] } | undefined)?.fields ?? [];
    expect(fields.find((f) => f.name === 'classify')?.args[0]?.description).toContain('123 characters');
    expect(fields.find((f) => f.name === 'classifyBatch')?.args[0]?.description).toContain('at most 7');
  });

  test('sentimentOf gives the enum only for negative/positive models, ignoring case', () => {
    expect(sentimentOf(['negative', 'positive'], 'positive')).toBe('POSITIVE');
    expect(sentimentOf(['Positive', ' Negative '], ' Negative ')).toBe('NEGATIVE');
    expect(sentimentOf(['negative', 'neutral', 'positive'], 'positive')).toBeNull();
    expect(sentimentOf(['bad', 'good'], 'good')).toBeNull();
  });

  test('assertServable refuses what cannot be served, in one line naming the problem', () => {
    const info = createFakeClassifier().info;
    expect(() => assertServable({ ...info, labels: ['negative', 'neutral', 'positive'] })).not.toThrow();
    expect(() => assertServable({ ...info, labels: ['only'] })).toThrow(/1 label\(s\), .* at least 2/);
    expect(() => assertServable({ ...info, labels: ['a', ' '] })).toThrow(/empty/);
    expect(() => assertServable({ ...info, labels: ['a', 'b', 'a'] })).toThrow(/repeat a name \(a, b, a\)/);
  });
});
