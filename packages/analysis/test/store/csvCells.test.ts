import { describe, expect, it } from 'vitest';

import { csvNumber, csvText } from '../../src/store/csvCells.js';

describe('csvNumber', () => {
  it('drops floating-point noise: 6 decimal places', () => {
    expect(csvNumber(0.7999999999999999)).toBe('0.8');
    expect(csvNumber(64.90367999999982)).toBe('64.90368');
    expect(csvNumber(0.9999999999999999)).toBe('1');
    expect(csvNumber(1234567.123456789)).toBe('1234567.123457');
  });

  it('keeps at least 6 significant digits: a small number is not rounded away', () => {
    expect(csvNumber(0.0123456789)).toBe('0.0123457');
    expect(csvNumber(0.00000123456789)).toBe('0.00000123457');
    expect(csvNumber(1.5e-9)).toBe('1.5e-9');
    expect(csvNumber(-1.5e-9)).toBe('-1.5e-9');
  });

  it('writes integers as they are, no -0, and NaN and ±Infinity as an empty cell', () => {
    expect(csvNumber(2000)).toBe('2000');
    expect(csvNumber(-0)).toBe('0');
    expect([csvNumber(Number.NaN), csvNumber(Infinity), csvNumber(-Infinity)]).toEqual(['', '', '']);
  });
});

describe('csvText', () => {
  it('quotes a cell with a comma, a quote or a line break (quotes doubled), and only then', () => {
    expect(csvText('plain text')).toBe('plain text');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
  });
});
