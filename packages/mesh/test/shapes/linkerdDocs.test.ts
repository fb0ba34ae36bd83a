// docs/mesh-shapes/linkerd.md's profile table is the code's: for each `linkerdVersion`, the derived added
// p90 / p99, vCPU per 1000 rps and memory printed in the table equal LINKERD_CITED_BY_VERSION.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { LINKERD_VERSIONS } from '../../src/index.js';
import { LINKERD_CITED_BY_VERSION } from '../../src/internal/index.js';

const page = readFileSync(
  fileURLToPath(new URL('../../../../docs/mesh-shapes/linkerd.md', import.meta.url)),
  'utf8',
);

/** The figures of a table row: `= **p90 / p99 ms**`, `= **cpu vCPU**`, `**memory MB**`. */
function rowOf(version: string): { p90: string; p99: string; cpu: string; memory: string } {
  const line = page.split('\n').find((l) => l.startsWith(`| \`"${version}"\``));
  if (line === undefined) throw new Error(`no table row for linkerdVersion "${version}"`);
  const latency = /= \*\*([\d.]+) \/ ([\d.]+) ms\*\*/.exec(line);
  const cpu = /= \*\*([\d.]+) vCPU\*\*/.exec(line);
  const memory = /\*\*([\d.]+) MB\*\*/.exec(line);
  if (latency === null || cpu === null || memory === null) throw new Error(`unreadable row: ${line}`);
  return { p90: latency[1]!, p99: latency[2]!, cpu: cpu[1]!, memory: memory[1]! };
}

/** The number as printed with as many decimals as `printed` has. */
function asPrinted(value: number, printed: string): string {
  return value.toFixed(printed.split('.')[1]?.length ?? 0);
}

describe('docs/mesh-shapes/linkerd.md', () => {
  it.each(LINKERD_VERSIONS)('prints the derived figures of linkerdVersion "%s"', (version) => {
    const row = rowOf(version);
    const cited = LINKERD_CITED_BY_VERSION[version];
    expect(row.p90).toBe(asPrinted(cited.addedP90Ms, row.p90));
    expect(row.p99).toBe(asPrinted(cited.addedP99Ms, row.p99));
    expect(row.cpu).toBe(asPrinted(cited.vcpuPer1000Rps, row.cpu));
    expect(row.memory).toBe(asPrinted(cited.memoryMB, row.memory));
  });
});
