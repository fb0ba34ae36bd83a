// `meshsim compare` on a scenario with a fault, on the real binary: each shape's cascade figures under its verdict
// (and over replications), the note that the added latencies include the fault's effect, and `--set faults=null`
// running without it (no note).

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';
import { writeTempFile } from './__helpers__/scenarios.js';

/** A web tier calling a database that slows ×4 from 8 s to 12 s of a 20 s run (long enough to judge). */
const SLOW_DB = writeTempFile(
  'slow-db.yaml',
  `name: slow-db
seed: 5
duration: 20s
mesh: linkerd
services:
  web:
    replicas: 2
    concurrency: 32
    serviceTime: { exponential: { mean: 2ms } }
    calls: [{ to: db, timeout: 200ms, retry: { attempts: 3, perTryTimeout: 50ms } }]
  db:
    replicas: 2
    concurrency: 8
    serviceTime: { exponential: { mean: 5ms } }
traffic:
  - { name: users, to: web, rate: 300 }
faults:
  - { at: 8s, for: 4s, service: db, latency: x4 }
`,
);

const NOTE = 'Note: The scenario has faults (latency fault on db): the added latencies include their effect';

describe('compare of a scenario with a fault (the real binary)', () => {
  it('shows each shape’s cascade figures and notes that the added latencies include the fault', () => {
    const run = meshsim('compare', SLOW_DB, '--mesh', 'none,linkerd', '--workers', '1', '--no-progress');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(NOTE);
    expect(run.stdout).toContain('compare without them: --set faults=null.');
    for (const head of [
      'recovery after the last trigger',
      'lowest goodput (% of offered calls)',
      'peak attempts during triggers (per request)',
      'peak amplification during ÷ before (×)',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^${head.replace(/[()÷×%]/g, '.')} {2,}\\S+ {2,}\\S+`, 'm'));
    }
  });

  it('with --set faults=null runs every shape without the fault, and has no such note', () => {
    const run = meshsim(
      'compare',
      SLOW_DB,
      '--mesh',
      'none,linkerd',
      '--set',
      'faults=null',
      '--workers',
      '1',
      '--no-progress',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Overrides: faults=null');
    expect(run.stdout).not.toContain('Note: The scenario has faults');
  });

  it('with --replications, gives them intervals per shape and paired differences, as the headline figures', () => {
    const run = meshsim(
      'compare',
      SLOW_DB,
      '--mesh',
      'none,linkerd',
      '--replications',
      '2',
      '--workers',
      '1',
      '--no-progress',
    );
    expect(run.code, run.stderr).toBe(0);
    const paired = run.stdout.slice(run.stdout.indexOf('\nPaired differences vs none'));
    expect(run.stdout).toMatch(/^peak attempts per request +\d+\.\d+ ± \d+\.\d+ +\d+\.\d+ ± \d+\.\d+$/m);
    expect(paired).toMatch(/^peak attempts per request +[-+]?\d+\.\d+ ± \d+\.\d+/m);
    expect(paired).toMatch(/^lowest goodput \(%\) +/m);
  });

  it('gives the cascade figures in the JSON after the verdict', () => {
    const run = meshsim(
      'compare',
      SLOW_DB,
      '--mesh',
      'none,linkerd',
      '--json',
      '--workers',
      '1',
      '--no-progress',
    );
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as { shapes: Record<string, unknown>[] };
    for (const shape of json.shapes) {
      expect(typeof shape['minGoodputRatio']).toBe('number');
      expect(shape['peakAttemptsPerRequest']).toBeGreaterThanOrEqual(1);
      expect(shape).toHaveProperty('recoveryMs');
    }
  });
});
