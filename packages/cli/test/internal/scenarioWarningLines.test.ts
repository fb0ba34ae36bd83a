// A warning of a scenario file prints on one line: its reason can name a traffic source, whose name may hold a newline;
// a bare number the file writes is warned of once, by the --set that gives that field, if one does.

import { describe, expect, it } from 'vitest';

import { parseSetOption, resolveWithOverrides, scenarioSource } from '@meshsim/analysis';

import { bareNumberLines, scenarioWarningLine } from '../../src/internal/scenarioWarningLines.js';

describe('scenarioWarningLine', () => {
  it('escapes control characters of the warning, as the tables do', () => {
    const line = scenarioWarningLine({
      file: 'my.yaml',
      path: 'traffic[0]',
      reason: 'source a\nwarning: forged has no retry',
      line: 3,
      column: 5,
    });
    expect(line).toBe('warning: my.yaml:3:5: traffic[0]: source a\\nwarning: forged has no retry');
  });
});

describe('bareNumberLines', () => {
  const source = scenarioSource(
    'm5.yaml',
    [
      'nodeCpu: 8',
      'services:',
      '  api: { serviceTime: 5ms, cpuLimit: 500, calls: [{ to: db, timeout: 250 }] }',
      '  db: { serviceTime: 1ms }',
      'traffic: [{ to: api, rate: 10 }]',
      '',
    ].join('\n'),
  );
  const CPU =
    '500 is 500 cores (a bare CPU quantity is cores, as Kubernetes reads it), more than the largest node has (8 cores, nodeCpu); write 500m for millicores (0.5 cores)';

  /** The lines of the file resolved with `sets` (each of one value), as `run` prints them. */
  function linesWith(...sets: string[]): string[] {
    const axes = sets.map((text) => parseSetOption(text));
    const config = resolveWithOverrides(
      source,
      axes.map((axis) => ({ path: axis.path, value: axis.values[0] ?? null })),
    );
    return bareNumberLines(source, config, axes);
  }

  it("gives the file's bare numbers at their lines", () => {
    expect(linesWith()).toEqual([
      `meshsim: warning: m5.yaml:3:28: services.api.cpuLimit: ${CPU}`,
      expect.stringMatching(
        /^meshsim: warning: m5\.yaml:3:\d+: services\.api\.calls\[0\]\.timeout: 250 is 250 ms/,
      ),
    ]);
  });

  it("a --set of the file's own value warns once, as the --set; the file's other bare numbers stay", () => {
    expect(linesWith('services.api.cpuLimit=500')).toEqual([
      `meshsim: warning: --set services.api.cpuLimit=${CPU}`,
      expect.stringMatching(
        /^meshsim: warning: m5\.yaml:3:\d+: services\.api\.calls\[0\]\.timeout: 250 is 250 ms/,
      ),
    ]);
  });

  it("a --set of a duration field leaves the file's line to the --set (which parseScenarioArgs warns of), whatever its index form", () => {
    expect(linesWith('services.api.calls.00.timeout=250')).toEqual([
      `meshsim: warning: m5.yaml:3:28: services.api.cpuLimit: ${CPU}`,
    ]);
  });
});
