// parseSetOption: comma lists, typed scalars, ranges with and without a step and a unit, each value once, the
// note on a range whose step misses its end, and errors that name the option.

import { describe, expect, it } from 'vitest';

import { OverrideError, parseSetOption, rangeNotes } from '../../src/index.js';

function problem(text: string): string {
  try {
    parseSetOption(text);
  } catch (error) {
    if (error instanceof OverrideError) return error.message;
    throw error;
  }
  throw new Error(`expected ${text} to fail`);
}

describe('parseSetOption', () => {
  it('parses comma lists into numbers, booleans and strings', () => {
    expect(parseSetOption('services.checkout.calls.0.retry.attempts=1,2,3')).toEqual({
      path: 'services.checkout.calls.0.retry.attempts',
      values: [1, 2, 3],
    });
    expect(parseSetOption('mesh=istio-sidecar, istio-ambient').values).toEqual([
      'istio-sidecar',
      'istio-ambient',
    ]);
    expect(parseSetOption('services.a.deadlinePropagation=true,false').values).toEqual([true, false]);
    expect(parseSetOption('duration=30s').values).toEqual(['30s']);
  });

  it('keeps a quoted value a string, without its quotes: release numbers such as "1.20"', () => {
    expect(parseSetOption('mesh.istioVersion="1.20"').values).toEqual(['1.20']);
    expect(parseSetOption("mesh.linkerdVersion='2.10','2.11'").values).toEqual(['2.10', '2.11']);
    expect(parseSetOption('mesh.istioVersion=1.20').values).toEqual([1.2]);
  });

  it('reads null as null (remove the field), also as one value of a list; "null" in quotes stays a string', () => {
    expect(parseSetOption('services.db.destinationPolicy.retryBudget=null').values).toEqual([null]);
    expect(parseSetOption('services.db.inbound.shedding=null, codel').values).toEqual([null, 'codel']);
    expect(parseSetOption('seed="null"').values).toEqual(['null']);
  });

  it('expands a..b:step ranges, with a unit when the ends and step carry the same one', () => {
    expect(parseSetOption('traffic.0.rate=200..1000:200').values).toEqual([200, 400, 600, 800, 1000]);
    expect(parseSetOption('x=0.1..0.3:0.1').values).toEqual([0.1, 0.2, 0.3]);
    expect(parseSetOption('services.a.calls.0.timeout=100ms..300ms:100ms').values).toEqual([
      '100ms',
      '200ms',
      '300ms',
    ]);
    expect(parseSetOption('x=1,5..7:1').values).toEqual([1, 5, 6, 7]);
  });

  it('keeps a range without a step open (its two ends), for --boundary', () => {
    expect(parseSetOption('traffic.0.rate=100..2000')).toEqual({
      path: 'traffic.0.rate',
      values: [100, 2000],
      open: { low: 100, high: 2000, unit: '' },
    });
  });

  it('takes a list index in brackets, as errors print paths (calls[0]), as the same path as .0', () => {
    expect(parseSetOption('services.gateway.calls[0].retry.attempts=4')).toEqual({
      path: 'services.gateway.calls.0.retry.attempts',
      values: [4],
    });
    expect(parseSetOption('services.a.calls[1].parallel[0].timeout=1s').path).toBe(
      'services.a.calls.1.parallel.0.timeout',
    );
    expect(problem('services.a.calls[x].timeout=1s')).toBe(
      "--set services.a.calls[x].timeout=1s: 'services.a.calls[x].timeout' is not a dot path such as services.checkout.replicas (a list index is a number: calls.0 or calls[0])",
    );
  });

  it('names the option and the reason for every mistake', () => {
    expect(problem('traffic.0.rate')).toContain('--set traffic.0.rate: expected path=values');
    expect(problem('a..b=1')).toContain('is not a dot path');
    expect(problem('x=1,,2')).toContain('empty value');
    expect(problem('services.a.calls.0.retry=')).toBe(
      '--set services.a.calls.0.retry=: empty value (to remove an optional field, as if the file did not write it: services.a.calls.0.retry=null)',
    );
    expect(problem('x=1..5:0')).toContain('step must be > 0');
    expect(problem('x=5..1:1')).toContain('low <= high');
    expect(problem('x=1ms..5s:1ms')).toContain('same unit');
    expect(problem('x=a..b:1')).toContain("'a' is not a number");
    expect(problem('x=1..1000000:1')).toContain('at most 10000');
    expect(problem('x=1..5,7')).toContain('must be the only value');
  });

  it('refuses a value given twice, naming it and where each came from: one run would count as two points', () => {
    expect(problem('traffic.0.rate=100,100,200')).toBe(
      '--set traffic.0.rate=100,100,200: the value 100 is given twice: an axis runs each value once (remove one)',
    );
    expect(problem('traffic.0.rate=100,200..300:50,250')).toBe(
      '--set traffic.0.rate=100,200..300:50,250: the value 250 is given twice (in 200..300:50 and as 250): an axis runs each value once (remove one)',
    );
    expect(problem('x=100ms..300ms:100ms,200ms..400ms:100ms')).toContain(
      'the value 200ms is given twice (in 100ms..300ms:100ms and in 200ms..400ms:100ms)',
    );
    expect(problem('x=1,1e0')).toContain('the value 1 is given twice (as 1 and as 1e0)');
    // Different values: a number and the string of its digits are not the same override.
    expect(parseSetOption('x=1,"1"').values).toEqual([1, '1']);
  });

  it('compares values in the base unit of their field, so one value written two ways is given twice, both spellings named', () => {
    expect(problem('services.api.calls.0.timeout=1s,1000ms')).toBe(
      '--set services.api.calls.0.timeout=1s,1000ms: the value 1000 ms is given twice (as 1s and as 1000ms): ' +
        'an axis runs each value once (remove one)',
    );
    // A bare number in a duration field is milliseconds.
    expect(problem('services.api.calls.0.timeout=1000,1s')).toContain(
      'the value 1000 ms is given twice (as 1000 and as 1s)',
    );
    expect(problem('services.api.calls.0.timeout=0.5s,0.50s')).toContain(
      'the value 500 ms is given twice (as 0.5s and as 0.50s)',
    );
    expect(problem('services.api.calls.0.timeout=100ms..300ms:100ms,0.2s')).toContain(
      'the value 200 ms is given twice (as 200ms in 100ms..300ms:100ms and as 0.2s)',
    );
    expect(problem('traffic.0.rate=100,6000/m')).toContain(
      'the value 100 rps is given twice (as 100 and as 6000/m)',
    );
    expect(problem('nodeCpu=0.5,500m')).toContain('the value 0.5 cores is given twice (as 0.5 and as 500m)');
    expect(problem('nodeMemory=1Gi,1024Mi')).toContain(
      'the value 1024 MiB is given twice (as 1Gi and as 1024Mi)',
    );
    // Float noise of the conversion is no difference: 1.1 s is 1100 ms.
    expect(problem('duration=1.1s,1100ms')).toContain(
      'the value 1100 ms is given twice (as 1.1s and as 1100ms)',
    );
    // A plain number written two ways is one number.
    expect(problem('services.api.replicas=2,2.0')).toContain('the value 2 is given twice (as 2 and as 2.0)');
    // `m` is minutes in a duration and millicores in a CPU field: different values there.
    expect(parseSetOption('duration=5m,5s').values).toEqual(['5m', '5s']);
    // Text that is no quantity is compared as written: release numbers in quotes differ.
    expect(parseSetOption('mesh.istioVersion="1.2","1.20"').values).toEqual(['1.2', '1.20']);
  });

  it('keeps the values in the order given', () => {
    expect(parseSetOption('traffic.0.rate=300,100..200:100,50').values).toEqual([300, 100, 200, 50]);
  });

  it("keeps each stepped range, and says when the step does not land on the range's end", () => {
    const axis = parseSetOption('traffic.0.rate=200..800:250');
    expect(axis.values).toEqual([200, 450, 700]);
    expect(axis.ranges).toEqual([{ text: '200..800:250', values: [200, 450, 700], endNotReached: 800 }]);
    expect(rangeNotes(axis)).toEqual([
      '--set traffic.0.rate: 200..800:250 runs 200, 450, 700 (800 is not a step from 200)',
    ]);
    // One value only: still a range (an axis of a sweep), and said.
    const one = parseSetOption('traffic.0.rate=200..800:700');
    expect(one.ranges).toHaveLength(1);
    expect(rangeNotes(one)).toEqual([
      '--set traffic.0.rate: 200..800:700 runs 200 (800 is not a step from 200)',
    ]);
    expect(rangeNotes(parseSetOption('x=100ms..500ms:150ms'))).toEqual([
      '--set x: 100ms..500ms:150ms runs 100ms, 250ms, 400ms (500ms is not a step from 100ms)',
    ]);
    expect(rangeNotes(parseSetOption('x=1..1000:7'))).toEqual([
      '--set x: 1..1000:7 runs 1, 8, …, 995 (143 values; 1000 is not a step from 1)',
    ]);
    // A step that lands on the end (float noise included), a list, an open range: nothing to say.
    expect(rangeNotes(parseSetOption('x=0.1..0.3:0.1'))).toEqual([]);
    expect(rangeNotes(parseSetOption('x=200..800:200,900'))).toEqual([]);
    expect(parseSetOption('x=1,2').ranges).toBeUndefined();
    expect(parseSetOption('x=1..2').ranges).toBeUndefined();
  });
});
