// The comparison notes, in text and HTML, the traffic sources and calls that open a connection per request: a mesh's
// proxies pool their own connections, so a negative added latency can be connections reused, not faster proxies.

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import type { SimulationConfig, SimulationResult } from '@meshsim/mesh';
import { applyOverrides, resolveScenario } from '@meshsim/scenario';

import { renderComparisonHtml, renderComparisonText, summarizeComparison } from '../../src/index.js';

/** web → db under none and linkerd, the call and the source keeping their connections or not. */
function compared(keepAlive: { call?: boolean; source?: boolean }): {
  config: SimulationConfig;
  results: SimulationResult[];
} {
  const config = resolveScenario({
    name: 'per-request-connections',
    duration: '1s',
    mesh: 'linkerd',
    services: {
      web: {
        serviceTime: '1ms',
        calls: [{ to: 'db', ...(keepAlive.call !== undefined && { keepAlive: keepAlive.call }) }],
      },
      db: { serviceTime: '1ms' },
    },
    traffic: [
      {
        name: 'users',
        to: 'web',
        rate: '20/s',
        ...(keepAlive.source !== undefined && { keepAlive: keepAlive.source }),
      },
    ],
  });
  return { config, results: ['none', 'linkerd'].map((mesh) => simulate(applyOverrides(config, { mesh }))) };
}

describe('the keep-alive note of a comparison', () => {
  it('names the calls and sources without keep-alive and says the mesh pools connections the application opens per request', () => {
    const { config, results } = compared({ call: false, source: false });
    const summary = summarizeComparison(results, { config });
    expect(summary.keepAliveOff).toEqual(['users', 'web → db']);
    const text = renderComparisonText(summary);
    expect(text).toContain(
      'Note: Keep-alive is off for users, web → db: without proxies each of those requests opens a new connection',
    );
    expect(text).toContain(
      "Part of a mesh's added latency — all of a negative one — can be the connections it reuses where the " +
        'application would open one per request, not faster proxies.',
    );
    expect(renderComparisonHtml(results, { config })).toContain('Keep-alive is off for users, web → db');
  });

  it('is absent when every source and call keeps its connections (the default), or without the config', () => {
    for (const keepAlive of [{}, { call: true, source: true }]) {
      const { config, results } = compared(keepAlive);
      const summary = summarizeComparison(results, { config });
      expect(summary.keepAliveOff).toBeUndefined();
      expect(renderComparisonText(summary)).not.toContain('Keep-alive is off');
    }
    const { results } = compared({ call: false });
    expect(renderComparisonText(summarizeComparison(results))).not.toContain('Keep-alive is off');
  });
});
