// A scenario whose only fault starts at 10 s: a sweep or boundary search that shortens the run below that gets the
// run's warning that the fault never happens (the tests of warnings across runs share it).

import { scenarioSource } from '../../src/index.js';
import type { ScenarioSource } from '../../src/index.js';

/** `late-fault.yaml`: one service at 50 req/s, a +100 ms latency fault from 10 s for 5 s, 30 s long. */
export function lateFaultSource(): ScenarioSource {
  return scenarioSource(
    'late-fault.yaml',
    `duration: 30s
services:
  api: { serviceTime: 1ms }
traffic:
  - { name: users, rate: 50, to: api }
faults:
  - { at: 10s, for: 5s, service: api, latency: +100ms }
`,
  );
}
