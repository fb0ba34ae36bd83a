// The docs pages that may hold rule-table blocks (every markdown page under docs/), with the link to
// docs/sources.md from each; shared by `pnpm docs:rules` and the test that keeps the blocks current.

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A docs page and how it links to docs/sources.md. */
export interface RuleDocPage {
  /** Absolute path of the page. */
  readonly file: string;
  /** Path relative to docs/, with `/` separators (e.g. `policies/retry-budgets.md`). */
  readonly name: string;
  /** `sources.md` from docs/, `../sources.md` from docs/policies/. */
  readonly sourcesHref: string;
}

/** Every `.md` page under `docsDir`, sorted by name. */
export function ruleDocPages(docsDir: string): RuleDocPage[] {
  const pages: RuleDocPage[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) {
        const name = relative(docsDir, path).split(sep).join('/');
        const depth = name.split('/').length - 1;
        pages.push({ file: path, name, sourcesHref: `${'../'.repeat(depth)}sources.md` });
      }
    }
  };
  walk(docsDir);
  return pages.sort((a, b) => a.name.localeCompare(b.name));
}
