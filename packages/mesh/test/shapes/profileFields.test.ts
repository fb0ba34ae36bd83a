// The fields of a proxy profile: which ones a written override sets (the same rule withOverrides merges by), and
// their values in words with units, as the assumptions and the HTML report print them.

import { describe, expect, it } from 'vitest';

import {
  PROFILE_FIELDS,
  describeProfileValue,
  withOverrides,
  writtenProfileFields,
} from '../../src/index.js';
import type { ProxyProfile } from '../../src/index.js';

const BASE: ProxyProfile = {
  latencyMs: { kind: 'constant', value: 0.1 },
  workers: 2,
  cpuMsPerRequest: 0.2,
  memoryBaseMiB: 60,
  memoryPerEndpointKiB: 1,
};

describe('writtenProfileFields', () => {
  it('lists the fields an override gives a value, in PROFILE_FIELDS order, whatever its key order', () => {
    expect(writtenProfileFields({ memoryBaseMiB: 80, latencyMs: { kind: 'constant', value: 1 } })).toEqual([
      'latencyMs',
      'memoryBaseMiB',
    ]);
    expect(writtenProfileFields(undefined)).toEqual([]);
    expect(writtenProfileFields({})).toEqual([]);
  });

  it('leaves out a key set to undefined, which withOverrides does not merge either', () => {
    // Typed code cannot write undefined (exactOptionalPropertyTypes); JavaScript can.
    const override = { cpuMsPerRequest: undefined, workers: 4 } as unknown as Partial<ProxyProfile>;
    expect(writtenProfileFields(override)).toEqual(['workers']);
    expect(withOverrides(BASE, override)).toEqual({ ...BASE, workers: 4 });
    expect(withOverrides(BASE, override).cpuMsPerRequest).toBe(0.2);
  });

  it('names every field by its unit-suffixed model name and its scenario name', () => {
    expect(PROFILE_FIELDS.cpuMsPerRequest).toMatchObject({ written: 'cpuPerRequest', unit: 'ms' });
    expect(PROFILE_FIELDS.memoryBaseMiB).toMatchObject({ written: 'memoryBase', unit: 'MiB' });
    expect(PROFILE_FIELDS.replicas).toMatchObject({ written: 'replicas', unit: 'count' });
  });
});

describe('describeProfileValue', () => {
  it('gives a value with its unit, a distribution by its parameters, and unlimited for none', () => {
    expect(describeProfileValue('latencyMs', { kind: 'constant', value: 1 })).toBe('1 ms');
    expect(describeProfileValue('latencyMs', { kind: 'lognormal', median: 0.45, p99: 2.1 })).toBe(
      'lognormal(median 0.45, p99 2.1) ms',
    );
    expect(describeProfileValue('memoryBaseMiB', 80)).toBe('80 MiB');
    expect(describeProfileValue('memoryPerEndpointKiB', 1380 / 1024)).toBe('1.348 KiB');
    expect(describeProfileValue('cpuRequestCores', 0.1)).toBe('0.1 cores');
    expect(describeProfileValue('workers', 2)).toBe('2');
    expect(describeProfileValue('workers', Infinity)).toBe('unlimited');
    expect(describeProfileValue('cpuLimitCores', null)).toBe('unlimited');
  });
});
