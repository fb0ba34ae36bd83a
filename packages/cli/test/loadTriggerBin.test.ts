// `traffic[].loadTrigger` on the real binary: a daily ramp marked as normal load is no trigger (the fault alone is,
// with a reference before it and a recovery after it); without it, the text says what a negative recovery and the
// amplification's missing figures mean; a value of the wrong type, or on a closed loop, is refused at its field.

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';
import { writeTempFile } from './__helpers__/scenarios.js';

/** 100 → 300 → 100 req/s over 50 s; db answers 200 ms late from 20 s to 30 s, past api's 100 ms timeout. */
const DAILY = `name: daily
seed: 1
duration: 50s
services:
  api:
    replicas: 2
    concurrency: 64
    serviceTime: 1ms
    calls:
      - { to: db, timeout: 100ms }
  db:
    replicas: 2
    concurrency: 64
    serviceTime: 2ms
traffic:
  - name: daily
    to: api
    rate:
      - { at: 0s, rps: 100 }
      - { at: 20s, rps: 300, ramp: true }
      - { at: 30s, rps: 300 }
      - { at: 50s, rps: 100, ramp: true }
faults:
  - { at: 20s, for: 10s, service: db, latency: +200ms }
`;

/** The line of a run's text that starts with `label: `. */
function line(stdout: string, label: string): string {
  return stdout.split('\n').find((l) => l.startsWith(`${label}: `)) ?? '';
}

describe('meshsim: traffic[].loadTrigger', () => {
  it('a ramp marked loadTrigger: false is normal load: the fault is the only trigger, recovery counts from its end', () => {
    const file = writeTempFile('daily.yaml', DAILY);
    const spike = meshsim('run', file, '--no-progress');
    expect(spike.code, spike.stderr).toBe(0);
    expect(line(spike.stdout, 'Triggers')).toBe(
      'Triggers: daily above 100 req/s (0 s–50 s); latency fault on db (20 s–30 s)',
    );
    expect(line(spike.stdout, 'Recovery')).toMatch(
      /^Recovery: counted from the end of the last trigger \(daily above 100 req\/s, 50 s\); negative: back within the band while it was still active — daily at 30 s, 20 s before it ended \(.*loadTrigger: false on the source\)$/,
    );
    expect(line(spike.stdout, 'Work amplification')).toContain(
      'no figure before the first trigger: daily above 100 req/s starts at 0 s (no time before it)',
    );

    for (const normal of [
      meshsim(
        'run',
        writeTempFile('normal.yaml', DAILY.replace('    to: api\n', '    to: api\n    loadTrigger: false\n')),
        '--no-progress',
      ),
      meshsim('run', file, '--set', 'traffic.0.loadTrigger=false', '--no-progress'),
    ]) {
      expect(normal.code, normal.stderr).toBe(0);
      expect(line(normal.stdout, 'Triggers')).toBe('Triggers: latency fault on db (20 s–30 s)');
      expect(line(normal.stdout, 'Verdict')).toMatch(/after the last trigger ended$/);
      expect(normal.stdout).not.toContain('Recovery: ');
      expect(normal.stdout).not.toContain('Work amplification: ');
    }
  });

  it('warns at its line that loadTrigger: false on a constant rate has no effect (no spike to leave out)', () => {
    const file = writeTempFile(
      'constant.yaml',
      `duration: 10s
services: { api: { serviceTime: 1ms } }
traffic:
  - to: api
    rate: 800/s
    loadTrigger: false
`,
    );
    const { code, stdout, stderr } = meshsim('validate', file);
    expect([code, stdout]).toEqual([0, `ok ${file}\n`]);
    expect(stderr).toContain(
      `warning: ${file}:6:5: traffic[0].loadTrigger: traffic client: loadTrigger: false has no effect: its rate never rises above its base rate (a constant 800 req/s), so the diagnosis finds no load trigger in it either way`,
    );
  });

  it('refuses a loadTrigger that is not a boolean, or on a closed-loop source, at its line and field', () => {
    const file = writeTempFile(
      'badtrigger.yaml',
      `duration: 10s
services: { api: { serviceTime: 1ms } }
traffic:
  - to: api
    rate: 10
    loadTrigger: "no"
  - name: users
    to: api
    users: 2
    loadTrigger: false
`,
    );
    const { code, stdout, stderr } = meshsim('validate', file);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr.split('\n')).toEqual([
      `${file}:6:5: traffic[0].loadTrigger: must be true or false (got "no")`,
      `${file}:10:5: traffic[1].loadTrigger: only applies to open-loop traffic (with rate): a closed loop has no rate schedule to spike`,
      '',
    ]);
  });
});
