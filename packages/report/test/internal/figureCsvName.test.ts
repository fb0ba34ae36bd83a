// A headline figure has one name in the CSVs and in the results store: each CSV name (`compare --csv`'s interval
// columns, `run --csv --table replications`) is a column of the store's `runs` table.

import { RUN_FIGURES, STORE_TABLES } from '@meshsim/analysis';
import { describe, expect, it } from 'vitest';

import { figureCsvName } from '../../src/internal/figureCsvName.js';

describe('figureCsvName', () => {
  it("names every headline figure as a column of the store's runs table", () => {
    const runs = new Set(STORE_TABLES.find((table) => table.name === 'runs')?.columns.map(([name]) => name));
    const missing = RUN_FIGURES.map((figure) => figureCsvName(figure.key)).filter((name) => !runs.has(name));
    expect(missing).toEqual([]);
  });
});
