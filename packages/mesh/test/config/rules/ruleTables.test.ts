// The rule tables are consistent data: unique ids and fields, defaults inside their own bounds, relations
// naming fields of the same table, and every citation key resolving in docs/sources.md.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_TABLES } from '../../../src/index.js';
import type { RuleRow, RuleSource } from '../../../src/index.js';

const SOURCES = readFileSync(
  fileURLToPath(new URL('../../../../../docs/sources.md', import.meta.url)),
  'utf8',
);

/** Every source of a row: its default's, its bounds', its relation's and its "unlimited"'s. */
function sourcesOf(row: RuleRow): RuleSource[] {
  const out: RuleSource[] = [];
  if ('source' in row.default) out.push(row.default.source);
  for (const part of [row.min, row.max, row.atLeast, row.unlimited])
    if (part !== undefined) out.push(part.source);
  return out;
}

const ROWS = RULE_TABLES.flatMap((table) =>
  table.rows.map((row) => [`${table.id}.${row.field}`, row, table] as const),
);

describe('rule tables', () => {
  it('have unique ids and, within a table, unique fields and config fields', () => {
    const ids = RULE_TABLES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const table of RULE_TABLES) {
      const fields = table.rows.map((r) => r.field);
      const configFields = table.rows.map((r) => r.configField ?? r.field);
      expect(new Set(fields).size, table.id).toBe(fields.length);
      expect(new Set(configFields).size, table.id).toBe(configFields.length);
      expect(table.rows.length, table.id).toBeGreaterThan(0);
    }
  });

  it.each(ROWS)('%s: kind, unit and default agree with the bounds', (_name, row) => {
    if (row.kind === 'duration') expect(row.unit).toBe('ms');
    if (row.kind === 'percent') expect(row.unit).toBe('percent');
    if (row.kind === 'enum') expect(row.values?.length ?? 0).toBeGreaterThan(1);
    else expect(row.values).toBeUndefined();
    if (row.configField !== undefined) expect(row.configField).not.toBe(row.field);
    expect(row.description).toMatch(/^[A-Z'(<].*\.$/s);
    const d = row.default;
    if (!('value' in d)) return;
    const value = d.value;
    if (row.kind === 'boolean') return expect(typeof value).toBe('boolean');
    if (row.kind === 'enum') return expect(row.values).toContain(value);
    expect(typeof value).toBe('number');
    const n = value as number;
    if (row.kind === 'integer') expect(Number.isInteger(n)).toBe(true);
    if (row.min !== undefined)
      expect(row.min.exclusive === true ? n > row.min.value : n >= row.min.value).toBe(true);
    if (row.max !== undefined)
      expect(row.max.exclusive === true ? n < row.max.value : n <= row.max.value).toBe(true);
  });

  it.each(ROWS.filter(([, row]) => row.atLeast !== undefined))(
    '%s: the related field is in the same table, and the defaults respect the relation',
    (_name, row, table) => {
      const other = table.rows.find((r) => r.field === row.atLeast?.field);
      expect(other).toBeDefined();
      if (row.atLeast?.ifOmitted === 'default') {
        expect('value' in row.default && other !== undefined && 'value' in other.default).toBe(true);
        if ('value' in row.default && other !== undefined && 'value' in other.default) {
          expect(row.default.value as number).toBeGreaterThanOrEqual(other.default.value as number);
        }
      }
    },
  );

  it('cite only keys that docs/sources.md defines (a `### key` entry each), and give every assumption a reason', () => {
    const cited = new Set<string>();
    for (const [name, row] of ROWS) {
      for (const source of sourcesOf(row)) {
        if ('cite' in source) cited.add(source.cite);
        else expect(source.assumption.length, name).toBeGreaterThan(10);
      }
    }
    expect(cited.size).toBeGreaterThan(5);
    const keys = new Set([...SOURCES.matchAll(/^### ([a-z0-9-]+)$/gm)].map((m) => m[1]));
    for (const key of cited) expect(keys.has(key), `docs/sources.md has an entry "### ${key}"`).toBe(true);
  });
});
