// A comparison's warnings: one line per distinct text, naming every shape that gave it, in first-seen order.

import { describe, expect, it } from 'vitest';
import { shapeAssumptions, shapeWarnings } from '../../src/internal/shapeWarnings.js';

describe('shapeWarnings', () => {
  it('merges a text several shapes gave into one line naming them, keeping the first-seen order', () => {
    expect(
      shapeWarnings([
        { shape: 'none', warnings: ['no sidecar', 'retries run in the app'] },
        { shape: 'istio-sidecar', warnings: [] },
        { shape: 'cilium', warnings: ['no sidecar'] },
        { shape: 'vpc-lattice', warnings: ['lattice has no retries', 'no sidecar'] },
      ]),
    ).toEqual([
      '[none, cilium, vpc-lattice] no sidecar',
      '[none] retries run in the app',
      '[vpc-lattice] lattice has no retries',
    ]);
  });

  it('names a shape once even if it gave the same text twice, and gives nothing for no warnings', () => {
    expect(shapeWarnings([{ shape: 'none', warnings: ['x', 'x'] }])).toEqual(['[none] x']);
    expect(shapeWarnings([{ shape: 'none', warnings: [] }])).toEqual([]);
  });
});

describe('shapeWarnings: a text that names its one shape', () => {
  it('is not prefixed with that shape twice; a text several shapes gave keeps its words', () => {
    expect(
      shapeWarnings([
        {
          shape: 'linkerd',
          warnings: ['linkerd: proxies discover destinations on demand', 'istio-sidecar: not mine'],
        },
        { shape: 'none', warnings: ['linkerd: shared'] },
        { shape: 'cilium', warnings: ['linkerd: shared'] },
      ]),
    ).toEqual([
      '[linkerd] proxies discover destinations on demand',
      '[linkerd] istio-sidecar: not mine',
      '[none, cilium] linkerd: shared',
    ]);
  });
});

describe('shapeAssumptions', () => {
  it('writes an assumption every shape shares without the shapes, and names the shapes of the others', () => {
    expect(
      shapeAssumptions([
        { shape: 'none', assumptions: ['network latency is a guess'] },
        { shape: 'linkerd', assumptions: ['network latency is a guess', 'linkerd: derived profile'] },
        { shape: 'istio-sidecar', assumptions: ['istio profile', 'network latency is a guess'] },
      ]),
    ).toEqual(['network latency is a guess', '[linkerd] derived profile', '[istio-sidecar] istio profile']);
  });
});
