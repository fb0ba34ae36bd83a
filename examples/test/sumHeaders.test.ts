// Throttled time and CPU wait are sums over containers or tasks (they can exceed the run's length): every example
// table and every Markdown table of docs/ that shows one says so in its header, as the CLI's own headers do
// ("throttled, summed over containers (ms)", "CPU wait, summed over tasks (ms)").

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { cpuLimitsTable } from '../cluster/cpuLimits.js';
import { sidecarLimitsTable } from '../cluster/sidecarLimits.js';
import { coldStartTable } from '../coldstart/platform40ColdStart.js';
import { noisyNeighbourTable } from '../cpu/noisyNeighbour.js';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

/** A column that reports throttled time or CPU wait. */
const SUMMED_QUANTITY = /throttled|cpu wait/i;
/** The wording of the CLI's headers for such a column. */
const SAYS_SUMMED = /, summed over (containers|tasks) \(/;

/** The header cells of a Markdown table's header line. */
const cells = (header: string): string[] =>
  header
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** Cells that report a summed quantity without saying it is a sum. */
const unlabelled = (header: string): string[] =>
  cells(header).filter((cell) => SUMMED_QUANTITY.test(cell) && !SAYS_SUMMED.test(cell));

/** Every Markdown file under a directory. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('throttled time and CPU wait columns say they are sums', () => {
  it("in the examples' tables", () => {
    const tables = {
      cpuLimitsTable: cpuLimitsTable([]),
      sidecarLimitsTable: sidecarLimitsTable([]),
      coldStartTable: coldStartTable([]),
      noisyNeighbourTable: noisyNeighbourTable([]),
    };
    for (const [name, table] of Object.entries(tables)) {
      const header = table.split('\n')[0] ?? '';
      expect(
        cells(header).some((cell) => SUMMED_QUANTITY.test(cell)),
        name,
      ).toBe(true);
      expect(unlabelled(header), name).toEqual([]);
    }
  });

  it("in docs/'s Markdown tables", () => {
    const problems = markdownFiles(DOCS).flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, index) => {
        const isHeader = line.startsWith('|') && /^\|\s*:?-{3}/.test(lines[index + 1] ?? '');
        if (!isHeader) return [];
        return unlabelled(line).map((cell) => `${relative(DOCS, file)}:${index + 1}: ${cell}`);
      });
    });
    expect(problems).toEqual([]);
  });
});
