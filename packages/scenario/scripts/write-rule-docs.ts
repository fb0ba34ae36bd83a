// Rewrites the rule-table blocks of the docs (`<!-- rules:<table id> --> … <!-- /rules -->`) from the rule
// tables in packages/mesh/src/config/rules/:
//   pnpm docs:rules   (from the workspace root)
// A test (packages/scenario/test/ruleDocs.test.ts) fails while a block differs from its table.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RULE_TABLES } from '@meshsim/mesh';
import { ruleDocPages } from '../src/internal/ruleDocPages.js';
import { rewriteRuleDocBlocks } from '../src/internal/ruleDocBlocks.js';

const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const tables = new Map(RULE_TABLES.map((table) => [table.id, table]));
let changed = 0;
for (const page of ruleDocPages(docs)) {
  const text = readFileSync(page.file, 'utf8');
  const next = rewriteRuleDocBlocks(text, tables, page.sourcesHref);
  if (next !== text) {
    writeFileSync(page.file, next);
    changed++;
    console.log(`rewrote docs/${page.name}`);
  }
}
console.log(changed === 0 ? 'rule tables in the docs are current' : `${changed} page(s) rewritten`);
