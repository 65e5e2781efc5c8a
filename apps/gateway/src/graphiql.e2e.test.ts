import { existsSync } from 'node:fs';
import { skipBecause } from '@sentikit/testkit';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createFakeClassifier } from './fake-classifier.ts';
import { startServer } from './serve.ts';
import { memoryLogger } from './test-support.ts';

const chromiumPath = '/usr/bin/chromium';
// CI installs Chromium (.ci/apt-packages.txt), so there a missing one fails instead of skipping.
const skip = skipBecause(
  existsSync(chromiumPath) ? undefined : `GraphiQL e2e: no ${chromiumPath} (apt-get install chromium)`,
  { failUnderCi: true },
);
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(skip)(
  `GraphiQL end to end in headless Chromium (skipped without ${chromiumPath}: apt-get install chromium)`,
  () => {
    test('opens GraphiQL, runs a classify query and shows the model answer, loading nothing off the machine', async () => {
      const fake = createFakeClassifier();
      const running = await startServer({
        classifier: fake,
        logger: memoryLogger().logger,
        config: { nodeEnv: 'development' },
      });
      const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      try {
        const page = await browser.newPage();
        const requested: string[] = [];
        page.on('request', (r) => requested.push(r.url()));
        const text = 'What a wonderful, moving story';
        const query = `query Review {\n  classify(text: "${text}") {\n    label\n    score\n    tokens\n  }\n}`;
        await page.goto(`${running.url}/graphql?query=${encodeURIComponent(query)}`);
        const run = page.locator('.graphiql-execute-button');
        await run.waitFor({ timeout: 30_000 });
        await run.click();
        const response = page.locator('.graphiql-response');
        await response.getByText('"label"').waitFor({ timeout: 30_000 });
        // biome-ignore lint/performance/useDomNodeTextContent: read the rendered text, as a person sees it
        const shown = JSON.parse((await response.innerText()).replaceAll('\u00a0', ' ')) as {
          data: { classify: { label: string; score: number; tokens: number } };
        };
        const [expected] = await fake.classify([text]);
        expect(shown.data.classify).toEqual({
          label: expected?.label,
          score: expected?.score,
          tokens: expected?.tokens,
        });
        const offMachine = requested.filter((u) => !u.startsWith(running.url) && !/^(blob|data):/.test(u));
        expect(offMachine).toEqual([]);
      } finally {
        await browser.close();
        await running.shutdown('test done');
      }
    }, 90_000);
  },
);
