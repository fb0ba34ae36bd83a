// `meshsim run`'s verdict on the real binary, for runs whose calls fail with no trigger to blame: the reason names
// the causes the run shows (timeouts behind errors, a service's own errors) and says the load is not the cause when
// no service is overloaded — the same sentence in the text, the JSON and the verdicts CSV; a stable run losing a
// constant share of its calls is `stable (lossy)`.

import { describe, expect, it } from 'vitest';

import { meshsim } from './__helpers__/meshsimBin.js';
import { writeTempFile } from './__helpers__/scenarios.js';

/** A newcomer's file: api's calls to db time out after 10 ms while db answers in 50 ms; 10 req/s, ~1 % busy. */
const TIMEOUTS = writeTempFile(
  'tmo.yaml',
  `name: tmo
seed: 1
duration: 20s
services:
  api:
    replicas: 4
    serviceTime: 5ms
    calls:
      - to: db
        timeout: 10ms
  db:
    replicas: 4
    serviceTime: 50ms
traffic:
  - to: api
    rate: 10/s
`,
);

/** Another: api fails every call itself (errorRate 1), beside a silent source. */
const ERRORS = writeTempFile(
  'allfail.yaml',
  `name: allfail
seed: 1
duration: 5s
services:
  api:
    serviceTime: 5ms
    errorRate: 1
traffic:
  - to: api
    rate: 0/s
  - name: real
    to: api
    rate: 50/s
`,
);

/** A saturated api rejecting a constant ~12 % of 450 req/s (4 workers of 10 ms, a queue of 8). */
const LOSSY = writeTempFile(
  'lossy.yaml',
  `name: lossy
seed: 3
duration: 15s
services:
  api:
    replicas: 1
    concurrency: 4
    queue: 8
    serviceTime: 10ms
traffic:
  - { name: users, to: api, rate: 450 }
`,
);

/** The `Verdict: …` line of a run's text. */
function verdictLine(stdout: string): string {
  return stdout.split('\n').find((line) => line.startsWith('Verdict: ')) ?? '';
}

describe('meshsim run: the cause a verdict names', () => {
  it('names the timeouts behind the errors and no overloaded service, when every call times out at ~1 % utilisation', () => {
    const { code, stdout } = meshsim('run', TIMEOUTS, '--no-progress');
    expect(code).toBe(0);
    const line = verdictLine(stdout);
    expect(line).toMatch(
      /^Verdict: degraded — client: goodput was 0\.0 % of offered calls before any trigger — failed calls over the run: error (\d+), behind them api → db: timeout \1; no service it calls is saturated or rejects requests \(busiest: db, utilisation \d\.\d %\)$/,
    );
    expect(line).not.toContain('exceeds');
  });

  it("names a service's own errors and no overloaded service, when it fails every call", () => {
    const { code, stdout } = meshsim('run', ERRORS, '--no-progress');
    expect(code).toBe(0);
    expect(verdictLine(stdout)).toMatch(
      /^Verdict: degraded — real: goodput was 0\.0 % of offered calls before any trigger — failed calls over the run: error \d+, answered by api itself \(errorRate 100\.0 %\); no service it calls is saturated or rejects requests \(busiest: api, utilisation \d\.\d %\)$/,
    );
  });

  it('gives the same reason in the JSON and the verdicts CSV', () => {
    const { code, stdout } = meshsim('run', TIMEOUTS, '--json');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as {
      diagnosis: { verdict: string; reason: string; sources: { verdict: string; reason: string }[] };
    };
    const [source] = document.diagnosis.sources;
    expect(source?.verdict).toBe('degraded');
    expect(source?.reason).toContain('no service it calls is saturated');
    expect(document.diagnosis.reason).toBe(`client: ${source?.reason ?? ''}`);
    const csv = meshsim('run', TIMEOUTS, '--csv', '--table', 'verdicts');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(source?.reason ?? '?');
  });

  it('says stable (lossy) for a run losing a constant share of its calls; JSON and CSV keep stable and a lossy flag', () => {
    const text = meshsim('run', LOSSY, '--no-progress');
    expect(text.code).toBe(0);
    expect(verdictLine(text.stdout)).toMatch(
      /^Verdict: stable \(lossy\) — users: goodput stayed within 5\.0 % of its reference \(8\d\.\d % of offered calls\) in every 5 s window, but lost 1\d\.\d % of offered calls throughout: the load exceeds what the system serves — api saturated \(utilisation 9\d\.\d %, [\d,]+ rejected\); failed calls over the run: rejected [\d,]+$/,
    );
    expect(text.stdout).toMatch(/^users\s+stable \(lossy\)\s+8\d\.\d/m);
    const json = meshsim('run', LOSSY, '--json');
    const document = JSON.parse(json.stdout) as {
      diagnosis: { verdict: string; lossy: boolean; sources: { verdict: string; lossy: boolean }[] };
    };
    expect(document.diagnosis).toMatchObject({ verdict: 'stable', lossy: true });
    expect(document.diagnosis.sources[0]).toMatchObject({ verdict: 'stable', lossy: true });
    const csv = meshsim('run', LOSSY, '--csv', '--table', 'verdicts').stdout.split('\n');
    expect(csv[0]?.startsWith('scope,verdict,lossy,')).toBe(true);
    expect(csv[1]?.startsWith('run,stable,true,')).toBe(true);
  });
});
