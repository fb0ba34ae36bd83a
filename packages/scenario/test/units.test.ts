import { describe, expect, it } from 'vitest';
import { bareDurationReason, parseByteSize, parseDurationMs, parsePercent, parseRate } from '../src/index.js';

describe('parseDurationMs', () => {
  it.each([
    ['250ms', 250],
    ['2s', 2000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['300us', 0.3],
    ['300µs', 0.3],
    ['250', 250],
    ['0ms', 0],
    ['.5s', 500],
    [' 250 ms ', 250],
  ])('parseDurationMs(%j) is %d ms', (text, expected) => {
    // Act
    const ms = parseDurationMs(text);
    // Assert
    expect(ms).toBeCloseTo(expected, 12);
  });

  it('parseDurationMs(number) treats bare numbers as milliseconds', () => {
    expect(parseDurationMs(25)).toBe(25);
    expect(parseDurationMs(0)).toBe(0);
  });

  it.each(['abc', '5 sec', '5ms5', '', 'ms'])(
    'parseDurationMs(%j) throws a RangeError naming the input',
    (text) => {
      expect(() => parseDurationMs(text)).toThrow(
        new RangeError(
          `invalid duration ${JSON.stringify(text)}: expected a number with an optional unit us, ms, s, m or h (e.g. 250ms, 1.5s, 5m)`,
        ),
      );
    },
  );

  it('parseDurationMs(number) rejects negative and non-finite numbers', () => {
    expect(() => parseDurationMs(-1)).toThrow(RangeError);
    expect(() => parseDurationMs(Infinity)).toThrow(RangeError);
    expect(() => parseDurationMs(NaN)).toThrow(
      'invalid duration NaN: must be a finite number >= 0 (e.g. 250ms, 2s, 5m)',
    );
  });
});

describe('bareDurationReason', () => {
  it('warns of a duration written as a bare number other than 0, in the number as written', () => {
    expect(bareDurationReason(5)).toBe(
      '5 is 5 ms (a bare number is milliseconds); write 5s for seconds, or 5ms to keep milliseconds without this warning',
    );
    expect(bareDurationReason(' 2.5 ')).toMatch(
      /^2\.5 is 2\.5 ms \(a bare number is milliseconds\); write 2\.5s /,
    );
    for (const quiet of [0, '0', '5ms', '5s', '1e3', '-5', 'unlimited', '', Infinity, NaN])
      expect(bareDurationReason(quiet), String(quiet)).toBeNull();
  });
});

describe('parseRate', () => {
  it.each([
    ['800', 800],
    ['800/s', 800],
    ['800rps', 800],
    ['48000/m', 800],
    ['48000/min', 800],
    ['48000rpm', 800],
    ['2880000/h', 800],
    ['0.5/s', 0.5],
  ])('parseRate(%j) is %d req/s', (text, expected) => {
    expect(parseRate(text)).toBeCloseTo(expected, 12);
  });

  it('parseRate(number) treats bare numbers as requests per second', () => {
    expect(parseRate(800)).toBe(800);
  });

  it.each(['fast', '800/d', '800 per second'])(
    'parseRate(%j) throws a RangeError naming the input',
    (text) => {
      expect(() => parseRate(text)).toThrow(
        `invalid rate ${JSON.stringify(text)}: expected a number with an optional unit /s, rps, /m, rpm or /h (e.g. 800/s, 48000/m)`,
      );
    },
  );
});

describe('parseByteSize', () => {
  it.each([
    ['64Mi', 64 * 1024 * 1024],
    ['64MiB', 64 * 1024 * 1024],
    ['512Ki', 512 * 1024],
    ['1Gi', 1024 ** 3],
    ['50MB', 50_000_000],
    ['2KB', 2000],
    ['100B', 100],
  ])('parseByteSize(%j) is %d bytes', (text, expected) => {
    expect(parseByteSize(text)).toBe(expected);
  });

  it.each(['64', '64mb', 'big'])('parseByteSize(%j) throws: a unit is required', (text) => {
    expect(() => parseByteSize(text)).toThrow(`invalid memory size ${JSON.stringify(text)}`);
  });

  it.each([
    // Every suffix of a Kubernetes memory quantity, as Kubernetes reads it: decimal powers of 1000, binary of 1024.
    ['4G', 4e9],
    ['1k', 1000],
    ['500M', 500e6],
    ['2T', 2e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['3Ki', 3 * 1024],
    ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['1.5Gi', 1.5 * 2 ** 30],
  ])('parseByteSize(%j) is %d bytes, the Kubernetes quantity', (text, expected) => {
    expect(parseByteSize(text)).toBe(expected);
  });

  it('reads a decimal suffix exactly, as Kubernetes does: the nearest double to the value written (1.001k is 1001 bytes)', () => {
    // 1.001 × 1000 in doubles is 1000.9999999999999: not a whole number of bytes, and a node of 1001k would not hold a
    // pod of 1.001M-worth of 1001k requests.
    for (const [text, expected] of [
      ['1.001k', 1001],
      ['1.003M', 1_003_000],
      ['0.067G', 67_000_000],
      ['0.017T', 17_000_000_000],
      ['0.009E', 9e15],
      [' 1.001 k ', 1001],
    ] as const) {
      expect(parseByteSize(text), text).toBe(expected);
    }
  });

  it("refuses Kubernetes' milli suffix with the reason (512m is 0.512 bytes: 512Mi was meant)", () => {
    expect(() => parseByteSize('512m')).toThrow(
      'invalid memory size "512m": 512m is 0.512 bytes (Kubernetes\' suffix m is milli: a thousandth of a byte); did you mean 512Mi?',
    );
  });
});

describe('parsePercent', () => {
  it.each([
    ['12.5%', 12.5],
    [' 5 % ', 5],
    ['100%', 100],
    ['.5%', 0.5],
    [40, 40],
  ])('parsePercent(%j) is %d', (value, expected) => {
    expect(parsePercent(value)).toBe(expected);
  });

  it.each(['5', 'half', '5%%', ''])('parsePercent(%j) throws a RangeError naming the input', (text) => {
    expect(() => parsePercent(text)).toThrow(
      new RangeError(
        `invalid percentage ${JSON.stringify(text)}: expected a number, optionally followed by % (e.g. 12.5%)`,
      ),
    );
  });

  it('parsePercent(number) rejects negative and non-finite numbers', () => {
    expect(() => parsePercent(-1)).toThrow(RangeError);
    expect(() => parsePercent(Infinity)).toThrow(RangeError);
  });
});

describe('negative quantity strings', () => {
  it('are refused as negative, not as a syntax error', () => {
    expect(() => parseDurationMs('-5ms')).toThrow('invalid duration "-5ms": cannot be negative');
    expect(() => parseRate(' -800/s')).toThrow('invalid rate " -800/s": cannot be negative');
    expect(() => parseByteSize('-64Mi')).toThrow('invalid memory size "-64Mi": cannot be negative');
    expect(() => parsePercent('-5%')).toThrow('invalid percentage "-5%": cannot be negative');
    // A minus sign before something that is not a quantity is still a syntax error.
    expect(() => parseDurationMs('-5 sec')).toThrow('expected a number with an optional unit');
  });
});

describe('quantity strings in exponent notation', () => {
  it('are refused with what to write instead, not as a syntax error', () => {
    expect(() => parseDurationMs('1e3ms')).toThrow(
      'invalid duration "1e3ms": exponent notation (1e3ms) is not supported: write 1000ms',
    );
    expect(() => parseDurationMs('2.5E-1s')).toThrow(
      'exponent notation (2.5E-1s) is not supported: write 0.25s',
    );
    expect(() => parseRate('1e2/s')).toThrow('exponent notation (1e2/s) is not supported: write 100/s');
    expect(() => parseByteSize('1e15Gi')).toThrow(
      'exponent notation (1e15Gi) is not supported: write 1000000000000000Gi',
    );
    expect(() => parsePercent('1e1%')).toThrow('exponent notation (1e1%) is not supported: write 10%');
    // A number too long to write out is not spelt out.
    expect(() => parseDurationMs('1e300ms')).toThrow(
      'exponent notation (1e300ms) is not supported: write the number out in full',
    );
    // An exponent before a unit the field does not take is the usual syntax error.
    expect(() => parseDurationMs('1e3xs')).toThrow('expected a number with an optional unit');
  });
});

describe('the quantity scanner', () => {
  it('reads padded and long strings in linear time and refuses over-long ones with a reason', () => {
    for (const length of [1000, 100_000, 1_000_000]) {
      const text = `1${' '.repeat(length)}x`;
      const started = performance.now();
      expect(() => parseDurationMs(text)).toThrow(/too long \(at most 64 characters\)/);
      expect(() => parseRate(text)).toThrow(/too long/);
      expect(() => parseByteSize(text)).toThrow(/too long/);
      expect(() => parsePercent(text)).toThrow(/too long/);
      expect(performance.now() - started).toBeLessThan(200);
    }
    expect(parseDurationMs(`${' '.repeat(30)}1.5s${' '.repeat(30)}`)).toBe(1500);
    expect(() => parseDurationMs('9'.repeat(400) + 'ms')).toThrow(
      /invalid duration "9{40}…" \(402 characters\): too long/,
    );
  });

  it('accepts exactly what the JSON Schema patterns accept (on strings up to the length limit)', async () => {
    const fc = (await import('fast-check')).default;
    const {
      BYTE_SIZE_PATTERN,
      DURATION_PATTERN,
      PERCENT_PATTERN,
      RATE_PATTERN,
      isByteSizeText,
      isDurationText,
      isPercentText,
      isRateText,
    } = await import('../src/units.js');
    const { LATENCY_CHANGE_PATTERN, isLatencyChangeText } = await import('../src/faultSchema.js');
    const pieces = fc.constantFrom(
      '1',
      '25',
      '.',
      '.5',
      ' ',
      '\t',
      'ms',
      's',
      'us',
      'µs',
      'm',
      'h',
      '/s',
      'rps',
      '/min',
      'Mi',
      'KB',
      'B',
      '%',
      '+',
      'x',
      '×',
      '*',
      '-',
      'e3',
      'a',
    );
    const text = fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join(''));
    const pairs = [
      [DURATION_PATTERN, isDurationText],
      [RATE_PATTERN, isRateText],
      [BYTE_SIZE_PATTERN, isByteSizeText],
      [PERCENT_PATTERN, isPercentText],
      [LATENCY_CHANGE_PATTERN, isLatencyChangeText],
    ] as const;
    fc.assert(
      fc.property(text, (value) => {
        for (const [pattern, accepts] of pairs)
          expect(accepts(value), `${pattern} on ${JSON.stringify(value)}`).toBe(
            new RegExp(pattern).test(value),
          );
      }),
      { numRuns: 2000 },
    );
  });
});
