// `meshsim run --replications N` on the real binary: every output of meshsim's own carries the replications
// (`--csv --table replications`, `--openmetrics --metrics meshsim`, `--html`) with the figures `--json` gives, and
// an output that holds the first replication alone is named on stderr, never silently.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';
import { writeTempFile } from './__helpers__/scenarios.js';
import { tempDir } from './__helpers__/tempDir.js';

const SMALL = writeTempFile(
  'replicated.yaml',
  `name: replicated
seed: 7
duration: 2s
services:
  api:
    replicas: 2
    serviceTime: { exponential: { mean: 5ms } }
traffic:
  - name: users
    to: api
    rate: 100/s
`,
);

const RUN = ['run', SMALL, '--replications', '3', '--workers', '1', '--no-progress'];

interface JsonFigure {
  key: string;
  mean: number;
  halfWidth: number | null;
  min: number;
  max: number;
}

/** The replications as `--json` gives them. */
function jsonReplications(): { n: number; seeds: number[]; figures: JsonFigure[] } {
  const { code, stdout } = meshsim(...RUN, '--json');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { replications: { n: number; seeds: number[]; figures: JsonFigure[] } })
    .replications;
}

/** The header and the rows of a CSV text without quoted cells. */
function csvRows(csv: string): Record<string, string>[] {
  const [header = '', ...lines] = csv.trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i] ?? '', cell])));
}

describe('meshsim run --replications N in every format', () => {
  const replications = jsonReplications();
  const goodput = replications.figures.find((f) => f.key === 'goodputRps');
  if (goodput === undefined || goodput.halfWidth === null) throw new Error('no goodput interval');

  it('--csv --table replications prints one row of the intervals and the verdict counts, as --json has them', () => {
    const { code, stdout, stderr } = meshsim(...RUN, '--csv', '--table', 'replications');
    expect(code).toBe(0);
    const rows = csvRows(stdout);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? {};
    expect(row['replications']).toBe('3');
    expect(row['seeds']).toBe(replications.seeds.join(' '));
    const verdictRuns = Object.entries(row).filter(([name]) => /_runs$/.test(name) && !/_lossy_/.test(name));
    expect(verdictRuns.reduce((n, [, cell]) => n + Number(cell), 0)).toBe(3);
    expect(Number(row['goodput_rps_mean'])).toBeCloseTo(goodput.mean, 4);
    expect(Number(row['goodput_rps_half_width'])).toBeCloseTo(goodput.halfWidth ?? 0, 4);
    expect(Number(row['goodput_rps_min'])).toBeCloseTo(goodput.min, 4);
    expect(Number(row['goodput_rps_max'])).toBeCloseTo(goodput.max, 4);
    // This table holds the replications: no note.
    expect(stderr).not.toContain('these outputs are of replication 1');
  });

  it('--csv --table replications without --replications is the one run (no half-width)', () => {
    const { code, stdout } = meshsim('run', SMALL, '--no-progress', '--csv', '--table', 'replications');
    expect(code).toBe(0);
    const row = csvRows(stdout)[0] ?? {};
    expect(row['replications']).toBe('1');
    expect(row['goodput_rps_half_width']).toBe('');
    expect(row['goodput_rps_mean']).toBe(row['goodput_rps_min']);
  });

  it('another --table is the first replication: stderr says so and names --table replications', () => {
    const single = meshsim('run', SMALL, '--no-progress', '--csv');
    const replicated = meshsim(...RUN, '--csv');
    expect(replicated.stdout).toBe(single.stdout);
    expect(replicated.stderr).toContain(
      'meshsim: these outputs are of replication 1 of 3 (seed 7) alone: --csv --table edges (--table replications has the intervals)\n',
    );
    expect(single.stderr).not.toContain('these outputs are of replication 1');
  });

  it('--openmetrics --metrics meshsim adds the intervals as gauges in their units; Istio metrics get the note', () => {
    const { code, stdout, stderr } = meshsim(...RUN, '--openmetrics', '--metrics', 'meshsim');
    expect(code).toBe(0);
    expect(stdout).toContain('\nmeshsim_replications 3\n');
    expect(stdout).toContain('# UNIT meshsim_replication_goodput_requests_per_second requests_per_second\n');
    const sample = (stat: string): number =>
      Number(
        new RegExp(`^meshsim_replication_goodput_requests_per_second\\{stat="${stat}"\\} (\\S+)$`, 'm').exec(
          stdout,
        )?.[1],
      );
    expect(sample('mean')).toBeCloseTo(goodput.mean, 4);
    expect(sample('ci_lower')).toBeCloseTo(goodput.mean - (goodput.halfWidth ?? 0), 4);
    expect(sample('ci_upper')).toBeCloseTo(goodput.mean + (goodput.halfWidth ?? 0), 4);
    expect(stdout.endsWith('# EOF\n')).toBe(true);
    expect(stderr).not.toContain('these outputs are of replication 1');

    const istio = meshsim(...RUN, '--openmetrics');
    expect(istio.code).toBe(0);
    expect(istio.stdout).not.toContain('meshsim_replication');
    expect(istio.stderr).toContain(
      "alone: Istio's metrics of --openmetrics (--metrics meshsim has the intervals)\n",
    );
  });

  it('--html has a Replications section with the text table, and names the exports of one replication', () => {
    const dir = tempDir();
    const html = join(dir, 'report.html');
    const smp = join(dir, 'smp.json');
    const { code, stdout, stderr } = meshsim(...RUN, '--html', html, '--smp', smp);
    expect(code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2 id="replications-heading">Replications (3)</h2>');
    // The text's row of goodput, cell by cell.
    const row = /^goodput \(req\/s\) +(\S+) +± (\S+) +(\S+) +(\S+)$/m.exec(stdout);
    expect(row).not.toBeNull();
    const [, mean, half, min, max] = row ?? [];
    expect(page).toContain(
      `<tr><th scope="row">goodput (req/s)</th><td class="num">${mean}</td><td class="num">± ${half}</td>` +
        `<td class="num">${min}</td><td class="num">${max}</td></tr>`,
    );
    expect(stderr).toContain('meshsim: these outputs are of replication 1 of 3 (seed 7) alone: --smp\n');
  });
});
