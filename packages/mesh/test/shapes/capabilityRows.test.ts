// The per-shape rows of the capability matrix come from the shape registry, and docs/policies.md
// prints exactly those rows, in registry order.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { capabilityRows, meshShapeNames } from '../../src/index.js';

const page = readFileSync(fileURLToPath(new URL('../../../../docs/policies.md', import.meta.url)), 'utf8');

/** The rows of the page's "mesh shape | client-side hop | server-side hop" table. */
function documentedRows(): { shape: string; client: string; server: string }[] {
  const lines = page.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| mesh shape | client-side hop'));
  expect(header, 'the shape table in docs/policies.md').toBeGreaterThanOrEqual(0);
  const rows: { shape: string; client: string; server: string }[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const [shape = '', client = '', server = ''] = line
      .split(' | ')
      .map((cell) => cell.replace(/^\| ?/, '').replace(/ ?\|$/, '').trim());
    rows.push({ shape: shape.replace(/`/g, ''), client, server });
  }
  return rows;
}

describe('capability rows', () => {
  it('has one row per registered shape, in registry order', () => {
    expect(capabilityRows().map((row) => row.shape)).toEqual(meshShapeNames());
  });

  it('docs/policies.md prints exactly the registry rows (edit the shape, then the page)', () => {
    expect(documentedRows()).toEqual(capabilityRows());
  });
});
