// Rendering the scenario object with its comments.

import { describe, expect, it } from 'vitest';

import { renderScenario } from '../../../src/internal/render/renderScenario.js';

describe('renderScenario', () => {
  const scenario = {
    name: 'x',
    services: {
      api: { replicas: 2, serviceTime: '1ms', calls: [{ to: 'db', timeout: '1s', retry: { attempts: 3 } }] },
      db: { serviceTime: '2ms' },
    },
    traffic: [{ to: 'api', rate: '10/s' }],
  };

  it('puts the header, comments before keys and items, and inline comments on scalars', () => {
    const text = renderScenario(
      scenario,
      [
        { path: ['services', 'api'], text: 'from a.yaml#1 Service/api' },
        { path: ['services', 'api', 'replicas'], text: 'from a.yaml#2 Deployment/api', inline: true },
        { path: ['services', 'api', 'calls', 0], text: 'timeout from b.yaml#1 VirtualService/db' },
        { path: ['services', 'nope', 'replicas'], text: 'skipped: no such path' },
      ],
      ['Imported.'],
    );
    expect(text).toBe(`# Imported.

name: x
services:
  # from a.yaml#1 Service/api
  api:
    replicas: 2 # from a.yaml#2 Deployment/api
    serviceTime: 1ms
    calls:
      # timeout from b.yaml#1 VirtualService/db
      - to: db
        timeout: 1s
        retry: { attempts: 3 }
  db:
    serviceTime: 2ms
traffic:
  - { to: api, rate: 10/s }
`);
  });

  it('writes small comment-free collections on one line, but never a whole service', () => {
    const text = renderScenario(scenario, [], []);
    expect(text).toContain('    calls: [ { to: db, timeout: 1s, retry: { attempts: 3 } } ]\n');
    expect(text).toContain('  db:\n    serviceTime: 2ms\n');
  });
});
