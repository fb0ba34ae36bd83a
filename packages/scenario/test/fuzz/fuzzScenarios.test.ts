// The scenario-file fuzzer inside the test suite: a few hundred fuzzed files checked in-process. CI runs
// 10,000 more in worker processes as its own step (runFuzzer.ts, `pnpm fuzz`).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { FUZZ_MAX_DEPTH, checkFuzzedFile } from './checkFuzzedFile.js';
import { arbFuzzedFile } from './scenarioMutations.js';

describe('scenario-file fuzzer', () => {
  it('loads or refuses every fuzzed file cleanly, and refuses those that must be', () => {
    fc.assert(
      fc.property(arbFuzzedFile(FUZZ_MAX_DEPTH), (file) => {
        expect(checkFuzzedFile(file).problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('tags files that must be refused and notices when one is accepted', () => {
    const files = fc.sample(arbFuzzedFile(FUZZ_MAX_DEPTH), { numRuns: 300, seed: 1 });
    expect(files.filter((file) => file.mustReject !== undefined).length).toBeGreaterThan(50);
    const valid =
      'duration: 1s\nservices:\n  api: { serviceTime: 5ms }\ntraffic:\n  - { rate: 10, to: api }\n';
    expect(checkFuzzedFile({ name: 'ok.yaml', text: valid, mustReject: 'a test' }).problems).toEqual([
      'accepted a file with a test',
    ]);
    expect(checkFuzzedFile({ name: 'ok.yaml', text: valid }).problems).toEqual([]);
  });
});
