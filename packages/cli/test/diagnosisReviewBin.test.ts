// `meshsim run` on the real binary, for the runs of a simulation engineer's review of the diagnosis
// (test/fixtures/diagnosis-review): an overloaded queue whose calls pile up is degraded, never stable or recovered
// (text, JSON, verdicts CSV, replications); the edge table notes calls still in flight; the cascade needs sustained
// saturation; the timeline names goodput and success apart; a ramp from 0 is no trigger, and no time before one is `–`.

import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';

/** A fixture of the review. */
function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/diagnosis-review/${name}`, import.meta.url));
}

const OVER = fixture('over.yaml');
/** over.yaml at ρ = 1.5: 15 req/s Poisson into one 100 ms worker, for 300 s. */
const RHO_1_5 = ['--duration', '300s', '--set', 'traffic.0.rate=15/s', '--set', 'traffic.0.arrival=poisson'];

/** The `Verdict: …` line of a run's text. */
function verdictLine(stdout: string): string {
  return stdout.split('\n').find((line) => line.startsWith('Verdict: ')) ?? '';
}

describe('meshsim run: calls piling up', () => {
  it('says degraded, naming the growth and the saturated service, for a queue offered 1.5 × what it serves', () => {
    const { code, stdout } = meshsim('run', OVER, ...RHO_1_5, '--no-progress');
    expect(code).toBe(0);
    expect(verdictLine(stdout)).toMatch(
      /^Verdict: degraded — client: calls pile up: 1,489 of its calls were in flight at the end, up from [\d,]+ at 150 s \(\+3\d\.\d % of the [\d,]+ calls it offered since\): the load exceeds what the system serves — srv saturated \(utilisation 100\.0 %, waiting requests [\d,]+ → 1,488\)/,
    );
    expect(stdout).toMatch(/^client\s+degraded\s/m);
    expect(stdout).not.toContain('degraded-recovered');
  });

  it('counts degraded in every replication, none stable or recovered', () => {
    const { code, stdout } = meshsim('run', OVER, ...RHO_1_5, '--replications', '10', '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toContain('Verdicts: degraded 10/10');
  });

  it('says degraded at ρ = 2 (was stable at 50 % of offered calls), with the backlog in the JSON and the CSV', () => {
    const json = meshsim('run', OVER, '--duration', '600s', '--json');
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as {
      diagnosis: {
        verdict: string;
        lossy: boolean;
        sources: {
          verdict: string;
          backlog: { growthRatio: number; saturated: { service: string }[] } | null;
        }[];
      };
    };
    expect(document.diagnosis).toMatchObject({ verdict: 'degraded', lossy: false });
    const [source] = document.diagnosis.sources;
    expect(source?.backlog?.growthRatio).toBeCloseTo(0.5, 2);
    expect(source?.backlog?.saturated.map((s) => s.service)).toEqual(['srv']);
    const csv = meshsim('run', OVER, '--duration', '600s', '--csv', '--table', 'verdicts').stdout.split('\n');
    const header = csv[0]?.split(',') ?? [];
    const column = header.indexOf('backlog_growth_ratio');
    expect(column).toBeGreaterThan(0);
    expect(Number(csv[2]?.split(',')[column])).toBeCloseTo(0.5, 2);
  });
});

describe('meshsim run: success of completed calls, with calls in flight', () => {
  it('notes under the edge table that success counts completed calls only, when a third are still in flight', () => {
    const { code, stdout } = meshsim('run', OVER, ...RHO_1_5, '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^client → srv +4,487 +15\.0 +100\.00 /m);
    expect(stdout).toContain(
      'Note: success (%) counts completed calls only (succeeded ÷ (succeeded + failed)); still in flight at the end, ' +
        'neither succeeded nor failed: client → srv 1,489 of its 4,487 calls (33.2 %)',
    );
    // A stable queue has no such note.
    const stable = meshsim('run', fixture('mmc.yaml'), '--duration', '20s', '--no-progress');
    expect(stable.stdout).not.toContain('counts completed calls only');
  });
});

describe('meshsim run: the cascade', () => {
  it('finds no saturation in a stable M/M/4 queue at ρ = 0.8, whatever the seed (its busy seconds are noise)', () => {
    for (const seed of ['1', '2', '3', '4', '5', '6', '7', '8']) {
      const { code, stdout } = meshsim('run', fixture('mmc.yaml'), '--seed', seed, '--no-progress');
      expect(code).toBe(0);
      expect(stdout, `seed ${seed}`).toContain('\nCascade: no service failed\n');
    }
  });

  it('reports the saturation of an overloaded queue, from the start of a run without triggers', () => {
    const { stdout } = meshsim('run', OVER, ...RHO_1_5, '--no-progress');
    expect(stdout).toContain(
      '\nCascade: srv saturated at 0 s (nothing triggered the run: the order services saturated or failed in, not ' +
        'which caused which)\n',
    );
  });
});

describe('meshsim run: the timeline names its two ratios', () => {
  it('shows goodput of offered calls (what the band is on) beside success of completed calls', () => {
    const { code, stdout } = meshsim('run', fixture('storm.yaml'), '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^time \(s\) +offered \(req\/s\) +goodput \(% of offered\) +success of completed \(%\) /m,
    );
    // After the fault: the calls offered then (almost) all succeed — the few that complete more than an interval
    // late count where they complete — while calls offered during it still time out.
    expect(stdout).toMatch(/^30–35 +[\d.]+ +(?:100\.00|99\.\d\d) +9[0-8]\.\d\d /m);
    expect(stdout).toContain('and was back within it for good from 30 s');
  });
});

describe('meshsim run: load triggers and the time before them', () => {
  it('finds no trigger in a ramp 0 → 400 → 0 req/s (was the whole run, above 0 req/s)', () => {
    const { code, stdout } = meshsim('run', fixture('ramp.yaml'), '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toContain('\nTriggers: none\n');
    expect(stdout).toMatch(/^Verdict: stable — /m);
  });

  it('prints – for attempts per request before a trigger that starts at 0 s, not 0.00', () => {
    // The ramp's source stops at 100 s from a 200 req/s spike above its 100 req/s base, which starts at 0 s.
    const { code, stdout } = meshsim(
      'run',
      fixture('ramp.yaml'),
      '--set',
      'traffic.0.rate.0.rps=200',
      '--set',
      'traffic.0.rate.1.rps=100',
      '--set',
      'traffic.0.rate.1.ramp=false',
      '--no-progress',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Triggers: client above 100 req/s (0 s–50 s)');
    expect(stdout).toMatch(/^ +1 +– +1\.00 +1\.00 +– +– +client → srv$/m);
  });
});
