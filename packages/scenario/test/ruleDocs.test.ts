// Keeps the docs' parameter tables equal to the rule tables: every `<!-- rules:<id> -->` block under
// docs/ must be what `pnpm docs:rules` would write, and every policy's table must appear in the docs.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULE_TABLES } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { findRuleDocBlocks } from '../src/internal/ruleDocBlocks.js';
import { ruleDocPages } from '../src/internal/ruleDocPages.js';
import { renderRuleTable } from '../src/internal/renderRuleTable.js';
import { AppRetry, Retry } from '../src/schema.js';

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const PAGES = ruleDocPages(DOCS).map((page) => ({
  ...page,
  blocks: findRuleDocBlocks(readFileSync(page.file, 'utf8')),
}));
const TABLES = new Map(RULE_TABLES.map((table) => [table.id, table]));

/** Tables of scenario-level fields, documented in hand-written tables (services, calls, traffic, …). */
const SCENARIO_LEVEL = new Set([
  'scenario',
  'mesh',
  'zone',
  'service',
  'call',
  'traffic',
  'version',
  'call-policy',
  // A service's readiness probe: no policy, documented in scenario-format.md's services and model.md.
  'readiness-probe',
]);

/** Tables that are no policy: documented in scenario-format.md only. */
const FORMAT_ONLY = new Set(['limits']);

const BLOCKS = PAGES.flatMap((page) =>
  page.blocks.map((block, i) => [`docs/${page.name} #${i + 1} (${block.id})`, page, block] as const),
);

describe('rule tables in the docs', () => {
  it('has blocks on the policy pages and in scenario-format.md', () => {
    expect(BLOCKS.length).toBeGreaterThan(30);
  });

  it.each(BLOCKS)('%s is current (if not: run `pnpm docs:rules`)', (where, page, block) => {
    const table = TABLES.get(block.id);
    expect(table, `${where}: no rule table "${block.id}"`).toBeDefined();
    if (table === undefined) return;
    const expected = renderRuleTable(table, { style: block.style, sourcesHref: page.sourcesHref });
    expect(block.body, `${where} differs from its rule table: run \`pnpm docs:rules\``).toBe(expected);
  });

  it('shows the full table on the policy pages and the compact one in scenario-format.md (the limits: in full, with their reasons)', () => {
    for (const page of PAGES) {
      if (page.name.startsWith('policies/'))
        expect(
          page.blocks.filter((b) => b.style !== 'full').map((b) => b.id),
          page.name,
        ).toEqual([]);
      if (page.name === 'scenario-format.md')
        expect(
          page.blocks.filter((b) => b.style !== (FORMAT_ONLY.has(b.id) ? 'full' : 'format')).map((b) => b.id),
          page.name,
        ).toEqual([]);
    }
  });

  it.each([
    ['retry', Retry],
    ['app-retry', AppRetry],
  ] as const)(
    'the %s table lists every field of its object, the lists and objects too (retryOn, backoff) with their defaults',
    (id, schema) => {
      const table = TABLES.get(id);
      const documented = [...(table?.rows ?? []), ...(table?.docFields ?? [])].map((row) => row.field);
      expect(documented.sort()).toEqual(Object.keys(schema.shape).sort());
      const block = PAGES.find((p) => p.name === 'scenario-format.md')?.blocks.find((b) => b.id === id);
      expect(block?.body).toContain('| `retryOn` | list of `connect-failure` \\| `reset`');
      // `[5xx]`, which the retry table qualifies for the Istio shapes (their own default conditions).
      expect(block?.body).toMatch(/\| `\[5xx\]`( \||;)/);
      expect(block?.body).toContain('| `backoff` | object `{ base, max, jitter }`');
    },
  );

  it('documents every policy table on a policy page, and in scenario-format.md', () => {
    const onPolicyPages = new Set(
      PAGES.filter((p) => p.name.startsWith('policies/')).flatMap((p) => p.blocks.map((b) => b.id)),
    );
    const inFormat = new Set(
      PAGES.filter((p) => p.name === 'scenario-format.md').flatMap((p) => p.blocks.map((b) => b.id)),
    );
    for (const table of RULE_TABLES) {
      if (SCENARIO_LEVEL.has(table.id)) continue;
      // A caller's retries are documented in policies.md (Where a policy runs) and scenario-format.md.
      if (!['retry', 'app-retry', 'backoff'].includes(table.id) && !FORMAT_ONLY.has(table.id))
        expect(onPolicyPages.has(table.id), table.id).toBe(true);
      expect(inFormat.has(table.id), table.id).toBe(true);
    }
  });
});
