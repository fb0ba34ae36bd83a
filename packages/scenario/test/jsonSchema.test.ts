import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listBundledScenarios, scenarioJsonSchema, scenarioJsonSchemaPath } from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
  return ajv.compile(scenarioJsonSchema());
}

describe('JSON Schema', () => {
  it('the checked-in schema equals the generated one (regenerate: npx tsx --tsconfig tsconfig.json packages/scenario/scripts/write-schema.ts)', () => {
    const checkedIn: unknown = JSON.parse(readFileSync(scenarioJsonSchemaPath(), 'utf8'));
    expect(checkedIn).toEqual(scenarioJsonSchema());
  });

  it('is draft 2020-12 and compiles with ajv (strict schema: no unknown keywords)', () => {
    expect(scenarioJsonSchema()['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(() => compile()).not.toThrow();
  });

  it.each(listBundledScenarios().map((s) => [s.name, s.file] as const))(
    'bundled %s validates against it',
    (_name, file) => {
      const validate = compile();
      const valid = validate(parse(readFileSync(file, 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    },
  );

  it('rejects unknown keys, bad durations and a distribution object with two kinds', () => {
    const validate = compile();
    expect(validate(minimal())).toBe(true);
    expect(validate({ ...minimal(), duraton: '5s' })).toBe(false);
    expect(validate({ ...minimal(), duration: '5 sec' })).toBe(false);
    const twoKinds = minimal();
    twoKinds.services['backend'] = { serviceTime: { constant: '1ms', exponential: { mean: '1ms' } } };
    expect(validate(twoKinds)).toBe(false);
  });

  it('rejects traffic that sets both rate and users, and faults with two effects', () => {
    const validate = compile();
    expect(validate({ ...minimal(), traffic: [{ to: 'frontend', rate: 1, users: 2 }] })).toBe(false);
    expect(
      validate({ ...minimal(), faults: [{ at: 0, service: 'backend', crash: true, errorRate: 0.5 }] }),
    ).toBe(false);
  });
});
