// The regression corpus: every scenario file that once crashed, hung or was wrongly accepted (issue #12
// and the fuzzer's finds) lives in corpus/, its second line saying what must happen now:
// `# expect: refused <text of an issue>`, `# expect: runs` (to the end) or `# expect: stopped <reason>`.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { simulate } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { ScenarioError, parseScenario } from '../../src/index.js';
import { PER_FILE_LIMIT_MS, checkFuzzedFile } from './checkFuzzedFile.js';

const DIR = join(import.meta.dirname, 'corpus');
const FILES = readdirSync(DIR)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();

/** The run guard of corpus runs: enough events for a short run, few enough to keep the test fast. */
const MAX_EVENTS = 200_000;

/** The expectation on the file's `# expect:` line. */
function expectation(text: string, name: string): { kind: string; detail: string } {
  const match = /^# expect: (refused|runs|stopped)\s*(.*)$/m.exec(text);
  if (match === null) throw new Error(`${name}: no '# expect: refused|runs|stopped' line`);
  return { kind: match[1] as string, detail: (match[2] as string).trim() };
}

describe('regression corpus', () => {
  it('holds the files of every problem issue #12 reproduced', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(13);
  });

  it.each(FILES)('%s', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8');
    const { kind, detail } = expectation(text, name);
    const outcome = checkFuzzedFile({
      name,
      text,
      ...(kind === 'refused' && { mustReject: detail }),
    });
    expect(outcome.problems).toEqual([]);
    expect(outcome.elapsedMs).toBeLessThan(PER_FILE_LIMIT_MS);
    if (kind === 'refused') {
      let error: unknown;
      try {
        parseScenario(text, name);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).message).toContain(detail);
      return;
    }
    const result = simulate(parseScenario(text, name), { maxEvents: MAX_EVENTS });
    if (kind === 'runs') expect(result.stopped).toBeUndefined();
    else expect(result.stopped?.reason).toBe(detail);
  });
});
