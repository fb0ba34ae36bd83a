// Ambient services without a waypoint: one warning per policy list, naming the services (and, for a scenario file,
// where each is written), as run's text and compare give them; the model and JSON keep one per service.

import { simulate, staticWarnings } from '@meshsim/mesh';
import { resolveScenario } from '@meshsim/scenario';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/index.js';
import { foldPolicyWarnings } from '../../src/internal/foldPolicyWarnings.js';
import { shapeWarnings } from '../../src/internal/shapeWarnings.js';

/** A gateway calling five services without waypoints, with a timeout (and, to the last two, no retry). */
function ambientConfig(): ReturnType<typeof resolveScenario> {
  return resolveScenario({
    name: 'five-without-waypoints',
    duration: '1s',
    mesh: 'istio-ambient',
    services: {
      gateway: {
        serviceTime: '1ms',
        calls: [
          { to: 'orders', timeout: '100ms', retry: { attempts: 2 } },
          { to: 'payments', timeout: '100ms', retry: { attempts: 2 } },
          { to: 'users', timeout: '100ms', retry: { attempts: 2 } },
          { to: 'carts', timeout: '100ms' },
          { to: 'search', timeout: '100ms' },
        ],
      },
      orders: { serviceTime: '1ms' },
      payments: { serviceTime: '1ms' },
      users: { serviceTime: '1ms' },
      carts: { serviceTime: '1ms' },
      search: { serviceTime: '1ms' },
    },
    traffic: [{ to: 'gateway', rate: '10/s' }],
  });
}

function ambientWarnings(): string[] {
  return staticWarnings(ambientConfig()).map((w) => w.message);
}

const TAIL =
  'cannot be enforced by the ztunnel (an l4-proxy): timeouts and retries run in the calling applications, the ' +
  'others are not applied; give each service `waypoint: true` to enforce them';

describe('foldPolicyWarnings: ambient services without a waypoint', () => {
  it('the model warns once per service (validate places each at its service)', () => {
    expect(ambientWarnings().filter((w) => w.includes('has no waypoint'))).toHaveLength(5);
  });

  it('gives one warning per policy list, naming its services in the order warned', () => {
    const folded = foldPolicyWarnings(ambientWarnings()).filter((w) => w.includes('no waypoint'));
    expect(folded).toEqual([
      `istio-ambient: services "orders", "payments", "users" have no waypoint, so their L7 policies (timeout, retry) ${TAIL}`,
      `istio-ambient: services "carts", "search" have no waypoint, so their L7 policies (timeout) ${TAIL}`,
    ]);
  });

  it('keeps where a scenario file writes each service when the warnings are placed', () => {
    const placed = [
      'my.yaml:9:3: services.orders: istio-ambient: service "orders" has no waypoint, so its L7 policies (timeout) cannot be enforced by the ztunnel (an l4-proxy): timeouts and retries run in the calling applications, the others are not applied; give the service `waypoint: true` to enforce them',
      'another warning',
      'my.yaml:12:3: services.users: istio-ambient: service "users" has no waypoint, so its L7 policies (timeout) cannot be enforced by the ztunnel (an l4-proxy): timeouts and retries run in the calling applications, the others are not applied; give the service `waypoint: true` to enforce them',
    ];
    expect(foldPolicyWarnings(placed)).toEqual([
      `istio-ambient: services "orders" (my.yaml:9:3), "users" (my.yaml:12:3) have no waypoint, so their L7 policies (timeout) ${TAIL}`,
      'another warning',
    ]);
  });

  it('leaves a lone service without a waypoint as the model wrote it', () => {
    const one = ambientWarnings().filter((w) => w.includes('"orders" has no waypoint'));
    expect(foldPolicyWarnings(one)).toEqual(one);
  });

  it("gives run's text one line per policy list; its JSON keeps one warning per service", () => {
    const result = simulate(ambientConfig());
    expect(result.warnings.filter((w) => w.includes('has no waypoint'))).toHaveLength(5);
    const lines = renderText(result).split('\n');
    expect(lines.filter((l) => l.includes('no waypoint'))).toEqual([
      `  - istio-ambient: services "orders", "payments", "users" have no waypoint, so their L7 policies (timeout, retry) ${TAIL}`,
      `  - istio-ambient: services "carts", "search" have no waypoint, so their L7 policies (timeout) ${TAIL}`,
    ]);
  });

  it("gives compare one line for the shape's services", () => {
    const lines = shapeWarnings([{ shape: 'istio-ambient', warnings: ambientWarnings() }]);
    expect(lines.filter((w) => w.includes('no waypoint'))).toEqual([
      `[istio-ambient] services "orders", "payments", "users" have no waypoint, so their L7 policies (timeout, retry) ${TAIL}`,
      `[istio-ambient] services "carts", "search" have no waypoint, so their L7 policies (timeout) ${TAIL}`,
    ]);
  });
});
