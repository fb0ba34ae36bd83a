// settingNumber: a --set value's number in the base unit of its field's kind (ms, rps, cores, MiB, percent), found by
// the path in the scenario's JSON Schema; a plain number as is; text that is no number, none.

import { describe, expect, it } from 'vitest';

import { settingNumber } from '../../src/internal/settingQuantity.js';

describe('settingNumber', () => {
  it('gives a duration in ms, whatever its unit, and a bare number as the ms it is', () => {
    expect(settingNumber('services.api.calls.0.perTryTimeout', '100ms')).toEqual({ number: 100, unit: 'ms' });
    expect(settingNumber('duration', '60000ms')).toEqual({ number: 60_000, unit: 'ms' });
    expect(settingNumber('duration', '2s')).toEqual({ number: 2000, unit: 'ms' });
    // `m` is minutes in a duration.
    expect(settingNumber('faults.0.at', '5m')).toEqual({ number: 300_000, unit: 'ms' });
    expect(settingNumber('traffic.0.timeout', 250)).toEqual({ number: 250, unit: 'ms' });
    // A point of a rate schedule.
    expect(settingNumber('traffic.0.rate.1.at', '30s')).toEqual({ number: 30_000, unit: 'ms' });
  });

  it('gives a rate in requests per second', () => {
    expect(settingNumber('traffic.0.rate', 400)).toEqual({ number: 400, unit: 'rps' });
    expect(settingNumber('traffic.0.rate', '48000/m')).toEqual({ number: 800, unit: 'rps' });
    expect(settingNumber('traffic.0.rate.1.rps', '800/s')).toEqual({ number: 800, unit: 'rps' });
  });

  it('gives CPU in cores (`m` is millicores there), memory in MiB (KiB fields too) and percentages as such', () => {
    expect(settingNumber('nodeCpu', '250m')).toEqual({ number: 0.25, unit: 'cores' });
    expect(settingNumber('services.api.cpuRequest', 2)).toEqual({ number: 2, unit: 'cores' });
    expect(settingNumber('nodeMemory', '4Gi')).toEqual({ number: 4096, unit: 'MiB' });
    expect(settingNumber('services.api.memoryRequest', 256)).toEqual({ number: 256, unit: 'MiB' });
    expect(settingNumber('services.api.memoryRequest', '50MB')?.number).toBeCloseTo(47.6837, 4);
    // A field whose bare numbers are KiB: its number is still in MiB.
    expect(settingNumber('mesh.sidecar.memoryPerEndpoint', 2048)).toEqual({ number: 2, unit: 'MiB' });
    expect(settingNumber('mesh.sidecar.memoryPerEndpoint', '2Mi')).toEqual({ number: 2, unit: 'MiB' });
    expect(settingNumber('services.api.calls.0.faultInjection.abort.percent', '12.5%')).toEqual({
      number: 12.5,
      unit: 'percent',
    });
  });

  it('keeps a plain number as is, without a unit, and gives text that is no number none', () => {
    expect(settingNumber('services.api.calls.0.retry.attempts', 3)).toEqual({ number: 3, unit: null });
    expect(settingNumber('seed', 42)).toEqual({ number: 42, unit: null });
    expect(settingNumber('mesh', 'linkerd')).toEqual({ number: null, unit: null });
    expect(settingNumber('faults.0.latency', '+200ms')).toEqual({ number: null, unit: null });
    expect(settingNumber('services.api.deadlinePropagation', true)).toEqual({ number: null, unit: null });
    // A field --set PATH=null removed: no number, even in a field of a quantity.
    expect(settingNumber('services.api.calls.0.timeout', null)).toEqual({ number: null, unit: null });
    // A path the schema does not know (the scenario would refuse it): as before, a number or nothing.
    expect(settingNumber('no.such.path', 7)).toEqual({ number: 7, unit: null });
  });
});
