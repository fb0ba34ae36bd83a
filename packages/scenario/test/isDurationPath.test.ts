// isDurationPath answers from the scenario's JSON Schema which dotted field paths are durations, whatever the
// service or list index: the fields a bare number (milliseconds) is warned of.

import { describe, expect, it } from 'vitest';

import { isDurationPath } from '../src/index.js';

describe('isDurationPath', () => {
  it('is true for durations anywhere in the file: the run, a call, its retry, a source, a fault', () => {
    for (const path of [
      'duration',
      'services.api.calls.0.timeout',
      'services.api.calls.0.retry.perTryTimeout',
      'traffic.0.timeout',
      'faults.0.at',
    ]) {
      expect(isDurationPath(path), path).toBe(true);
    }
  });

  it('is false for other fields and for paths the schema does not have', () => {
    for (const path of [
      'traffic.0.rate',
      'services.api.replicas',
      'seed',
      'services.api.nosuch',
      '',
      'mesh',
    ]) {
      expect(isDurationPath(path), path).toBe(false);
    }
  });
});
