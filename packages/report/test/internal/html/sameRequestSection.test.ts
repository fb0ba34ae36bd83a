// The compare report's "same request under each shape": only when every result holds traces; the requests it
// draws are the same request in every run (same source, service and start), a typical one and the one the
// shapes slowed most, each shape's waterfall on one time axis with its time against the baseline.

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import type { SimulationResult } from '@meshsim/mesh';
import { applyOverrides, parseScenario } from '@meshsim/scenario';

import { sameRequestSection } from '../../../src/internal/html/sameRequestSection.js';

const SCENARIO = parseScenario(
  `name: same-request
seed: 4
duration: 4s
services:
  web: { replicas: 2, concurrency: 8, serviceTime: { exponential: { mean: 3ms } }, calls: [{ to: api }] }
  api: { replicas: 2, concurrency: 8, serviceTime: { exponential: { mean: 2ms } } }
traffic:
  - { name: users, to: web, rate: 200/s }
`,
  'same-request.yaml',
);
const SHAPES = ['none', 'istio-sidecar'];

function runs(sample: number | null): SimulationResult[] {
  return SHAPES.map((mesh) =>
    simulate(
      applyOverrides(SCENARIO, { mesh }),
      sample === null ? {} : { telemetry: { traceSampleRate: sample } },
    ),
  );
}

/** The waterfall captions of each drawn request (h3), in order. */
function drawn(html: string): { heading: string; captions: string[] }[] {
  return html
    .split('<h3>')
    .slice(1)
    .map((part) => ({
      heading: part.slice(0, part.indexOf('</h3>')),
      captions: [...part.matchAll(/<caption>([^<]*)<\/caption>/g)].map((m) => m[1] ?? ''),
    }));
}

describe('sameRequestSection', () => {
  it('is absent unless every result holds traces', () => {
    expect(sameRequestSection(runs(null), SHAPES, 0)).toBeNull();
    const traced = runs(0.2)[0] as SimulationResult;
    const plain = runs(null)[1] as SimulationResult;
    expect(sameRequestSection([traced, plain], SHAPES, 0)).toBeNull();
  });

  it('draws a typical request and the one slowed most, under each shape, against the baseline', () => {
    const results = runs(0.2);
    const section = sameRequestSection(results, SHAPES, 0);
    expect(section?.id).toBe('same-request');
    const requests = drawn(section?.html ?? '');
    expect(requests.map((r) => r.heading.replace(/ at [\d,.]+ ms of simulated time$/, ''))).toEqual([
      'A typical request (the median under none): users → web',
      'The request the shapes slowed most: users → web',
    ]);
    for (const request of requests) {
      expect(request.captions).toHaveLength(2);
      expect(request.captions[0]).toMatch(/^none: [\d.]+ ms, \d+ spans$/);
      expect(request.captions[1]).toMatch(/^istio-sidecar: [\d.]+ ms \([+-][\d.]+ ms\), \d+ spans$/);
    }
    // The same request: its root starts at the same time under both shapes.
    const start = (result: SimulationResult, heading: string): boolean => {
      const at = Number(/ at ([\d,.]+) ms of simulated time$/.exec(heading)?.[1]?.replace(/,/g, ''));
      return (result.telemetry?.traces?.spans ?? []).some(
        (s) => s.parentSpanId === null && Math.abs(s.startMs - at) <= 0.5,
      );
    };
    for (const request of requests)
      for (const result of results) expect(start(result, request.heading)).toBe(true);
    // The slowed-most request's added time is the largest of all the shared requests'.
    const added = (caption: string): number => Number(/\(([+-][\d.]+) ms\)/.exec(caption)?.[1]);
    expect(added(requests[1]?.captions[1] ?? '')).toBeGreaterThanOrEqual(
      added(requests[0]?.captions[1] ?? ''),
    );
  });

  it('says so when no traced request is the same under every shape', () => {
    const results = runs(0.2);
    const other = simulate(applyOverrides(SCENARIO, { mesh: 'istio-sidecar', seed: 99 }), {
      telemetry: { traceSampleRate: 0.2 },
    });
    expect(sameRequestSection([results[0] as SimulationResult, other], SHAPES, 0)?.html).toContain(
      'No traced request is the same under every shape',
    );
  });
});
