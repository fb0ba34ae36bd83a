// Finds and rewrites the rule-table blocks of a markdown page: `<!-- rules:<table id> [full|format] -->`,
// the generated table, then `<!-- /rules -->`. `pnpm docs:rules` rewrites them; a test compares them.

import type { RuleTable } from '@meshsim/mesh';
import { renderRuleTable } from './renderRuleTable.js';
import type { RuleTableStyle } from './renderRuleTable.js';

/** One marker block of a page. */
export interface RuleDocBlock {
  /** The table id named by the marker. */
  readonly id: string;
  readonly style: RuleTableStyle;
  /** The text between the markers, without the newlines next to them. */
  readonly body: string;
}

const BLOCK = /<!-- rules:([a-z0-9-]+)(?: (full|format))? -->\n([\s\S]*?)\n?<!-- \/rules -->/g;

/** The rule-table blocks of `markdown`, in page order. */
export function findRuleDocBlocks(markdown: string): RuleDocBlock[] {
  return [...markdown.matchAll(BLOCK)].map((m) => ({
    id: m[1] as string,
    style: (m[2] ?? 'full') as RuleTableStyle,
    body: m[3] as string,
  }));
}

/**
 * `markdown` with every rule-table block regenerated from `tables`.
 *
 * @param markdown - The page.
 * @param tables - The rule tables, by id.
 * @param sourcesHref - Link to docs/sources.md from this page.
 * @throws Error naming the id when a block names an unknown table.
 */
export function rewriteRuleDocBlocks(
  markdown: string,
  tables: ReadonlyMap<string, RuleTable>,
  sourcesHref: string,
): string {
  return markdown.replace(BLOCK, (_all, id: string, style: string | undefined) => {
    const table = tables.get(id);
    if (table === undefined) throw new Error(`unknown rule table "${id}" in a <!-- rules:${id} --> marker`);
    const marker = `<!-- rules:${id}${style === undefined ? '' : ` ${style}`} -->`;
    const body = renderRuleTable(table, { style: (style ?? 'full') as RuleTableStyle, sourcesHref });
    return `${marker}\n${body}\n<!-- /rules -->`;
  });
}
