// `meshsim run` on the real binary, for an on-call SRE's review of the analysis (test/fixtures/sre-review): the
// cascade starts from the fault that triggered it, not from the first service its signals caught.

import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';

/** A fixture of the review. */
function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/sre-review/${name}`, import.meta.url));
}

describe('meshsim run: the cascade of a slowed leaf', () => {
  it('names the faulted leaf first, with its fault, though its callers saturate before it does', () => {
    const { code, stdout } = meshsim('run', fixture('slowed-leaf.yaml'), '--no-progress');
    expect(code).toBe(0);
    const line = stdout.split('\n').find((l) => l.startsWith('Cascade:'));
    expect(line).toMatch(
      /^Cascade: orders-db slowed \(\+2 s latency fault\) at 20 s → gateway saturated at 20 s → /,
    );
  });
});

describe('meshsim compare: a single run whose p99 falls in a gap of the latencies', () => {
  it('says the p99 is unstable, with its p98.5 and p99.5, and points to --replications (text and JSON notes)', () => {
    const args = ['compare', fixture('p99-gap.yaml'), '--mesh', 'none,linkerd', '--no-progress'];
    const text = meshsim(...args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /\nNote: One run's end-to-end p99 is unstable under none \(p98\.5 [\d.]+ ms, p99\.5 [\d,]+ ms\), linkerd \(.*\): .* the added p99 vs none of linkerd can change by as much from seed to seed; run --replications N /,
    );
    const json = JSON.parse(meshsim(...args, '--json').stdout) as { notes: string[] };
    expect(json.notes.filter((note) => note.startsWith("One run's end-to-end p99 is unstable"))).toHaveLength(
      1,
    );
  });
});
