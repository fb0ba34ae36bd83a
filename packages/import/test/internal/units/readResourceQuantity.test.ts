// A container's CPU and memory quantities as Kubernetes checks them, with the reason for each refusal.

import { describe, expect, it } from 'vitest';

import { parseByteSize } from '@meshsim/scenario';

import { readCpuQuantity, readMemoryQuantity } from '../../../src/internal/units/readResourceQuantity.js';

describe('readResourceQuantity', () => {
  it('reads CPU in cores and memory in MiB, 0 included', () => {
    expect([readCpuQuantity('250m'), readCpuQuantity(0), readCpuQuantity('2')]).toEqual([
      { value: 0.25 },
      { value: 0 },
      { value: 2 },
    ]);
    expect([readMemoryQuantity('128Mi'), readMemoryQuantity(0), readMemoryQuantity('1Gi')]).toEqual([
      { value: 128 },
      { value: 0 },
      { value: 1024 },
    ]);
  });

  it("reads a memory quantity with a suffix as a scenario's memory size is read (the scenario's parseByteSize)", () => {
    // Whole numbers of bytes only (1.001Ki is 1025.024 bytes, refused as a fraction of a byte).
    const binary = ['1', '1.5', '.5', '3.', '1.25'].flatMap((n) =>
      ['Ki', 'Mi', 'Gi', 'Ti'].map((s) => n + s),
    );
    const decimal = ['1', '1.5', '1.001', '0.067', '.5', '3.'].flatMap((n) =>
      ['k', 'M', 'G', 'T'].map((s) => n + s),
    );
    for (const text of [...binary, ...decimal]) {
      {
        expect(readMemoryQuantity(text).value, text).toBe(parseByteSize(text) / 2 ** 20);
      }
    }
    // A sign is Kubernetes' (the scenario takes no negative size): read, then refused as negative.
    expect(readMemoryQuantity('-1.5Gi').reason).toBe('"-1.5Gi" is negative, which Kubernetes does not allow');
  });

  it('says why a value is refused: not a quantity, negative, finer than 1m, a fraction of a byte, too large', () => {
    for (const text of ['1.5.3', '10Zi', '1e3Gi', 'abc', '']) {
      expect(readCpuQuantity(text).reason).toBe(
        `${JSON.stringify(text)} is not a Kubernetes quantity (such as 250m, 0.5 or 2), which Kubernetes rejects`,
      );
      expect(readMemoryQuantity(text).reason).toContain('is not a Kubernetes quantity (such as 128Mi');
    }
    expect(readCpuQuantity('-500m').reason).toBe('"-500m" is negative, which Kubernetes does not allow');
    expect(readCpuQuantity(-1).reason).toBe('-1 is negative, which Kubernetes does not allow');
    expect(readCpuQuantity('100u').reason).toBe('"100u" is finer than 1m, which Kubernetes does not allow');
    expect(readCpuQuantity('1e400').reason).toContain('is more than 9007199254740991 millicores');
    expect(readMemoryQuantity('512m').reason).toBe('"512m" is 0.512 bytes (did you mean 512Mi?)');
    expect(readMemoryQuantity('100m').reason).toBe('"100m" is 0.1 bytes (did you mean 100Mi?)');
    expect(readMemoryQuantity('1.5').reason).toBe('"1.5" is 1.5 bytes, not a whole number of bytes');
    expect(readMemoryQuantity('99999999999999999999Ei').reason).toBe(
      '"99999999999999999999Ei" is more than 9007199254740991 bytes (about 8 PiB), the most meshsim holds exactly',
    );
  });

  it('reads memory above 0 and below 1 MiB with a doubt: a bare number is a unit left out', () => {
    expect(readMemoryQuantity(512)).toEqual({
      value: 512 / 2 ** 20,
      doubt: '"512" is 512 bytes (did you mean 512Mi?)',
    });
    expect(readMemoryQuantity('1048575').doubt).toBe('"1048575" is 1048575 bytes (did you mean 1048575Mi?)');
    expect(readMemoryQuantity('100Ki').doubt).toBe(
      '"100Ki" is 102400 bytes, less than 1 MiB, which no container runs in',
    );
    for (const text of [0, '1Mi', 1048576, '2M'])
      expect(readMemoryQuantity(text).doubt, String(text)).toBeUndefined();
  });
});
