// The kinvolk-emojivoto calibration as a contract: what the model reproduces of Buoyant's two published
// runs (the order none < linkerd < istio, Linkerd's max proxy memory within 25 % of both), and the table
// in docs/scenarios/kinvolk-emojivoto.md is what the model gives today — including where it falls short.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { PUBLISHED_RUNS, calibrationTable, kinvolkCalibration } from '../calibration/kinvolkCalibration.js';
import type { ModelFigures } from '../calibration/kinvolkCalibration.js';

const doc = readFileSync(
  fileURLToPath(new URL('../../docs/scenarios/kinvolk-emojivoto.md', import.meta.url)),
  'utf8',
);

describe('kinvolk-emojivoto calibration', () => {
  let model: ModelFigures[];
  beforeAll(() => {
    model = kinvolkCalibration();
  }, 180_000);

  it("runs each published run with its releases' profiles", () => {
    expect(model.map((m) => m.run)).toEqual(PUBLISHED_RUNS.map((run) => run.run));
  });

  it('orders the shapes as both published runs: none < linkerd < istio-sidecar in added median latency', () => {
    for (const figures of model) {
      expect(figures.linkerdAddedMedianMs, figures.run).toBeGreaterThan(0);
      expect(figures.istioAddedMedianMs, figures.run).toBeGreaterThan(figures.linkerdAddedMedianMs);
    }
  });

  it("keeps the Linkerd/Istio ratio of added median within 25 % of each run's (the profiles are scaled by it)", () => {
    PUBLISHED_RUNS.forEach((run, i) => {
      const figures = model[i]!;
      const published = run.linkerdAddedMedianMs / run.istioAddedMedianMs;
      const simulated = figures.linkerdAddedMedianMs / figures.istioAddedMedianMs;
      expect(Math.abs(simulated / published - 1), run.run).toBeLessThanOrEqual(0.25);
    });
  });

  it('puts the max memory of a Linkerd proxy within 25 % of each published run', () => {
    PUBLISHED_RUNS.forEach((run, i) => {
      expect(
        Math.abs(model[i]!.linkerdMaxProxyMemoryMB / run.linkerdMaxProxyMemoryMB - 1),
        run.run,
      ).toBeLessThanOrEqual(0.25);
    });
  });

  it('keeps the Envoy proxy lighter than published and says so: the doc table is the model’s output', () => {
    expect(doc).toContain(calibrationTable(model));
  });
});
