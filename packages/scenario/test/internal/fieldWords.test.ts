// The words for "no limit" a field takes, read from the scenario's JSON Schema: they match the rule tables (one row's
// `unlimited.word` each) and the schema's own unions (`instances: all`), and no other field is given any.

import { RULE_TABLES } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { fieldWords } from '../../src/internal/fieldWords.js';
import type { PathSegment } from '../../src/internal/path.js';

/**
 * The paths a rule table's `scenarioPath` names (`services.*.calls[], traffic[]`), with `*` as the service `api` and
 * `[]` as item 0; none for a path relative to another table (`retry.backoff`) or not a place (`(whole scenario)`).
 */
function pathsOf(scenarioPath: string): PathSegment[][] {
  if (scenarioPath === '(top level)') return [[]];
  if (scenarioPath.startsWith('(') || scenarioPath.startsWith('retry.')) return [];
  return scenarioPath
    .split(', ')
    .map((written) =>
      [...written.matchAll(/\['([^']+)'\]|(\[\])|(\*)|([A-Za-z][\w-]*)/g)].map(
        ([, quoted, item, star, name]): PathSegment =>
          quoted ?? (item !== undefined ? 0 : star !== undefined ? 'api' : (name as string)),
      ),
    );
}

describe('fieldWords', () => {
  it('gives each rule-table field the word its row writes for no limit, and none to the others', () => {
    let checked = 0;
    for (const table of RULE_TABLES) {
      for (const path of pathsOf(table.scenarioPath)) {
        for (const row of table.rows) {
          const word = row.unlimited?.word ?? null;
          // A one-field table may name the field itself (`shedding['queue-timeout']`).
          const words = fieldWords(path.at(-1) === row.field ? path : [...path, row.field]);
          expect([table.id, row.field, words.known, words.noLimit]).toEqual([
            table.id,
            row.field,
            true,
            word === null ? [] : [word],
          ]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(100);
  });

  it('reads the words of fields outside the rule tables from the schema: all instances, all services', () => {
    expect(fieldWords(['faults', 0, 'instances']).noLimit).toEqual(['all']);
    expect(fieldWords(['mesh', 'libraryServices']).noLimit).toEqual(['all']);
    expect(fieldWords(['mesh', 'sidecar', 'cpuLimit']).noLimit).toEqual(['unlimited']);
  });

  it('names no word where a field takes words that do not mean no limit (mesh shapes) or none at all', () => {
    expect(fieldWords(['mesh'])).toEqual({ known: true, noLimit: [], optional: true });
    expect(fieldWords(['services', 'api', 'replicas'])).toEqual({ known: true, noLimit: [], optional: true });
    expect(fieldWords(['services', 'api', 'serviceTime'])).toEqual({
      known: true,
      noLimit: [],
      optional: false,
    });
    expect(fieldWords(['no', 'such', 'field'])).toEqual({ known: false, noLimit: [], optional: false });
  });
});
