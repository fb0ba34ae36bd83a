// An error carried across the worker boundary as data comes back with its class, name, message, stack and fields.

import { DistributionParamError } from '@meshsim/engine';
import { ScenarioError } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';

import { fromWorkerError, toWorkerError } from '../../src/sweep/workerError.js';

/** `error` as the caller gets it back from a worker (the data structured-cloned, as a thread's message is). */
function across(error: unknown): Error {
  return fromWorkerError(structuredClone(toWorkerError(error)));
}

describe('toWorkerError / fromWorkerError', () => {
  it('rebuilds a ScenarioError with its issues', () => {
    const issues = [
      { file: 'a.yaml', path: 'services.api.replicas', reason: 'must be ≥ 1 (got 0)', line: 3 },
    ];
    const original = new ScenarioError(issues);
    const back = across(original);
    expect(back).toBeInstanceOf(ScenarioError);
    expect(back).toMatchObject({ name: 'ScenarioError', message: original.message, issues });
    expect(back.stack).toBe(original.stack);
  });

  it('rebuilds a DistributionParamError by its class (a RangeError named DistributionParamError), with its fields', () => {
    const back = across(new DistributionParamError('exponential.mean', 'must be > 0', 0));
    expect(back).toBeInstanceOf(DistributionParamError);
    expect(back).toBeInstanceOf(RangeError);
    expect(back).toMatchObject({
      name: 'DistributionParamError',
      field: 'exponential.mean',
      rule: 'must be > 0',
      value: 0,
    });
  });

  it('gives an error of a class it does not know as an Error with its name and plain fields', () => {
    class ShapeFailure extends Error {
      readonly code = 'E_SHAPE';
      readonly onFail = (): void => undefined;
      constructor() {
        super('the shape failed');
        this.name = 'ShapeFailure';
      }
    }
    const back = across(new ShapeFailure());
    expect(back).toBeInstanceOf(Error);
    expect(back).toMatchObject({ name: 'ShapeFailure', message: 'the shape failed', code: 'E_SHAPE' });
    expect(back).not.toHaveProperty('onFail');
    expect(across('not an error')).toMatchObject({ name: 'Error', message: 'not an error' });
  });
});
