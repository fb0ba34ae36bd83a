// scenarioField: whether the scenario format has a field and whether a file may leave it out, read from the
// scenario's JSON Schema (what `--set PATH=null` may remove).

import { describe, expect, it } from 'vitest';

import { scenarioField } from '../src/index.js';

describe('scenarioField', () => {
  it('an optional field, at any depth, through maps (services by name) and lists (calls by index)', () => {
    for (const path of [
      ['seed'],
      ['duration'],
      ['mesh'],
      ['services', 'api', 'queue'],
      ['services', 'api', 'destinationPolicy', 'retryBudget'],
      ['services', 'api', 'inbound', 'shedding'],
      ['services', 'api', 'calls', 0, 'retry'],
      ['services', 'api', 'calls', 0, 'retry', 'backoff'],
      ['mesh', 'loadBalancer'],
      ['faults', 1, 'instances'],
    ]) {
      expect([path, scenarioField(path).known, scenarioField(path).optional]).toEqual([path, true, true]);
    }
  });

  it('a required field is known but not optional; so is a list item', () => {
    for (const path of [
      ['services'],
      ['traffic'],
      ['services', 'api', 'serviceTime'],
      ['services', 'api', 'calls', 0, 'to'],
      ['faults', 0, 'at'],
      ['faults', 0],
    ]) {
      expect([path, scenarioField(path).known, scenarioField(path).optional]).toEqual([path, true, false]);
    }
  });

  it('an unknown field is neither, and its siblings are the fields of the object that would hold it', () => {
    const field = scenarioField(['services', 'api', 'queu']);
    expect([field.known, field.optional]).toEqual([false, false]);
    expect(field.siblings).toContain('queue');
    expect(field.siblings).toContain('serviceTime');
    expect(scenarioField(['duraton']).siblings).toContain('duration');
    expect(scenarioField(['services', 'api', 'calls', 0, 'retry', 'tries']).known).toBe(false);
  });
});
