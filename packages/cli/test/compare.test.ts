// `meshsim compare`: argument errors, side-by-side output, JSON schema and determinism.

import { describe, expect, it } from 'vitest';
import { parseCompareArgs } from '../src/commands/compare.js';
import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';

describe('meshsim compare', () => {
  it('parses a comma-separated shape list and defaults to every shape', () => {
    const parsed = parseCompareArgs(['retry-storm', '--mesh', 'none,istio-sidecar', '--seed', '3']);
    expect(parsed).toMatchObject({ scenario: 'retry-storm', shapes: ['none', 'istio-sidecar'], seed: 3 });
    const all = parseCompareArgs(['retry-storm']);
    if (all === 'help') throw new Error('unexpected help');
    expect(all.shapes[0]).toBe('none');
    expect(all.shapes).toContain('istio-sidecar');
  });

  it('exits 2 naming the flag for an unknown or repeated shape', async () => {
    const unknown = captureIo();
    expect(await main(['compare', 'retry-storm', '--mesh', 'none,istio'], unknown)).toBe(2);
    expect(unknown.err()).toContain("invalid value for --mesh: 'istio'");
    const twice = captureIo();
    expect(await main(['compare', 'retry-storm', '--mesh', 'none,none'], twice)).toBe(2);
    expect(twice.err()).toContain("--mesh lists 'none' twice");
  });

  it('prints one column per shape with units, and added latency vs none', async () => {
    const io = captureIo();
    const code = await main(
      ['compare', 'steady-3tier', '--mesh', 'none,istio-sidecar', '--duration', '3s', '--no-progress'],
      io,
    );
    expect(code).toBe(0);
    const text = io.out();
    expect(text).toMatch(/metric\s+none\s+istio-sidecar/);
    expect(text).toContain('added p50 vs none (ms)');
    expect(text).toContain('proxy CPU (cores)');
    expect(text).not.toContain('NaN');
  });

  it('--json is deterministic and puts the sidecar shape above none in added latency and proxies', async () => {
    const args = [
      'compare',
      'steady-3tier',
      '--mesh',
      'none,istio-sidecar',
      '--duration',
      '3s',
      '--json',
      '--no-progress',
    ];
    const first = captureIo();
    const second = captureIo();
    expect(await main(args, first)).toBe(0);
    expect(await main(args, second)).toBe(0);
    expect(second.out()).toBe(first.out());
    const doc = JSON.parse(first.out()) as {
      schemaVersion: number;
      baseline: string;
      shapes: { shape: string; addedP50Ms: number; proxies: number }[];
    };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.baseline).toBe('none');
    expect(doc.shapes.map((s) => s.shape)).toEqual(['none', 'istio-sidecar']);
    expect(doc.shapes[1]?.addedP50Ms).toBeGreaterThan(0);
    expect(doc.shapes[1]?.proxies).toBeGreaterThan(0);
    expect(doc.shapes[0]?.proxies).toBe(0);
  });
});
