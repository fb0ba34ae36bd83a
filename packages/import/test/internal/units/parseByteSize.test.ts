// isotope byte sizes (docker/go-units RAMInBytes) → bytes.

import { describe, expect, it } from 'vitest';

import { parseByteSize } from '../../../src/internal/units/parseByteSize.js';

describe('parseByteSize', () => {
  it('reads docker/go-units sizes in powers of 1024, as isotope does', () => {
    expect(parseByteSize('1 KB')).toBe(1024);
    expect(parseByteSize('10K')).toBe(10_240);
    expect(parseByteSize('16KiB')).toBe(16_384);
    expect(parseByteSize('1mb')).toBe(1_048_576);
    expect(parseByteSize(300)).toBe(300);
    expect(parseByteSize('lots')).toBeUndefined();
  });
});
