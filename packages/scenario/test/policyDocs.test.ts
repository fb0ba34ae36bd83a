// Keeps docs/policies.md in step with the model: the capability matrix equals CAPABILITIES, the
// retry-conditions table equals isRetryable, and every detailed page in docs/policies/ is linked.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CAPABILITIES, POLICY_NAMES, RETRY_CONDITIONS } from '@meshsim/mesh';
import type { BuiltInEnforcerKind, RetryCondition } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
// Not part of the mesh's public API: read from its source, as the page documents that function.
import { isRetryable } from '../../mesh/src/call/isRetryable.js';
import type { AttemptResult } from '../../mesh/src/config/AttemptResult.js';

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const page = readFileSync(`${DOCS}policies.md`, 'utf8');

/** The table rows (cells trimmed) of the section that starts with `heading`. */
function tableRows(heading: string): string[][] {
  const start = page.indexOf(heading);
  expect(start, `docs/policies.md has a section "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = page.slice(start + heading.length);
  const section = rest.slice(0, rest.search(/\n#{2,3} /) === -1 ? undefined : rest.search(/\n#{2,3} /));
  return section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

const mark = (on: boolean): string => (on ? '✓' : '–');

describe('docs/policies.md', () => {
  it('the capability matrix equals CAPABILITIES (every policy, every hop kind)', () => {
    const [header, ...rows] = tableRows('## Capability matrix');
    const kinds = Object.keys(CAPABILITIES) as BuiltInEnforcerKind[];
    expect(header).toEqual(['policy', ...kinds]);
    expect(rows).toEqual(
      POLICY_NAMES.map((policy) => [
        `\`${policy}\``,
        ...kinds.map((kind) => mark(CAPABILITIES[kind].has(policy))),
      ]),
    );
  });

  it('the retry-conditions table equals isRetryable for every failed attempt result and condition', () => {
    const [header, ...rows] = tableRows('## Retry conditions');
    const conditions = (header ?? []).slice(2).map((cell) => cell.replaceAll('`', '')) as RetryCondition[];
    expect([...conditions].sort()).toEqual([...RETRY_CONDITIONS].sort());
    const results: AttemptResult[] = [
      'error',
      'rejected',
      'connect-failure',
      'reset',
      'per-try-timeout',
      'no-endpoints',
      'deadline-exceeded',
      'breaker-open',
      'rate-limited',
      'denied',
    ];
    expect(rows.map((row) => row[0])).toEqual(results.map((r) => `\`${r}\``));
    for (const row of rows) {
      const result = (row[0] ?? '').replaceAll('`', '') as AttemptResult;
      expect(row.slice(2), result).toEqual(conditions.map((c) => mark(isRetryable(result, [c], 'envoy'))));
    }
  });

  it('links every detailed page in docs/policies/', () => {
    const pages = readdirSync(`${DOCS}policies`).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(0);
    for (const name of pages) expect(page, name).toContain(`(policies/${name})`);
  });
});
