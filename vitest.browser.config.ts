// Browser tests of the HTML reports (`pnpm test:browser`): Debian's Chromium, driven by puppeteer-core,
// opens the reports. Kept out of the main suite (`pnpm test`) so that stays fast; .ci/run runs both.
import { defineConfig, mergeConfig } from 'vitest/config';

import base from './vitest.config.js';

export default mergeConfig(
  { ...base, test: { ...base.test, include: [], globalSetup: [], reporters: [] } },
  defineConfig({
    test: {
      include: ['packages/*/browser-test/**/*.test.ts'],
      // One browser per file; the run reports are split into two files that draw side by side (CI runs these
      // tests beside the fuzzer and the static checks, then alone: two files keep both cores busy).
      maxWorkers: 2,
      testTimeout: 300_000,
      hookTimeout: 300_000,
      reporters:
        process.env['CI'] === undefined
          ? ['default']
          : ['default', ['json', { outputFile: 'test-results-browser.json' }]],
    },
  }),
);
