// A registered shape declares the enforcer kinds of its own hops (MeshShape.enforcers): which policies each runs,
// whose retry rules it follows and what to use instead of a policy it lacks. A policy the scenario asks of such a hop
// that it cannot run is warned of and not applied, through the same gate as the built-in kinds (enforceOrWarn).

import { afterEach, describe, expect, it } from 'vitest';

import {
  NO_DESTINATION_POLICY,
  NO_POLICY,
  POLICY_NAMES,
  canEnforce,
  declaredEnforcerKind,
  registerMeshShape,
  resolveMeshConfig,
  simulate,
  unregisterMeshShape,
} from '../../src/index.js';
import type { EnforcerKind, EnforcerSpec, MeshShape, PolicyName } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';
import { sidecarTestShape } from '../__helpers__/sidecarTestShape.js';
import type { SidecarTestConfig } from '../__helpers__/sidecarTestShape.js';

/** The kind of the test shape's own hops. */
const KUMA_DP = declaredEnforcerKind('test-kuma-dp');

/** A Kuma-like shape whose sidecars are of its own enforcer kind `test-kuma-dp`, declared by `enforcers`. */
function kuma(
  enforcers: Readonly<Record<string, EnforcerSpec>>,
  enforcer: EnforcerKind = KUMA_DP,
): MeshShape<SidecarTestConfig<'test-kuma'>> {
  return sidecarTestShape({ name: 'test-kuma', proxyKind: 'test-kuma-dp', enforcer, enforcers });
}

const ALL_BUT_BUDGETS = POLICY_NAMES.filter((policy) => policy !== 'retry-budget');

/** The warnings of a run under test-kuma where `web` calls `api`, whose destination sets an Envoy retry budget. */
function budgetWarnings(): string[] {
  const scenario = config(
    [
      service('web', {
        calls: [[{ to: 'api', probability: 1, optional: false, policySet: false, policy: NO_POLICY }]],
      }),
      service('api', {
        destination: {
          ...NO_DESTINATION_POLICY,
          retryBudget: { kind: 'envoy', budgetPercent: 20, minRetryConcurrency: 3 },
        },
      }),
    ],
    [poisson('web', 50)],
    { durationMs: 200 },
  );
  const result = simulate({ ...scenario, mesh: resolveMeshConfig({ shape: 'test-kuma' }) });
  return result.warnings;
}

describe('the EnforcerKind type', () => {
  it("takes the built-in kinds' names and a declared kind, and a typo of a built-in one does not compile", () => {
    const builtIn: EnforcerKind = 'l7-proxy';
    const declared: EnforcerKind = declaredEnforcerKind('kuma-dp');
    // @ts-expect-error: 'l7-prxy' is neither a built-in kind nor made by declaredEnforcerKind (pnpm typecheck).
    const typo: EnforcerKind = 'l7-prxy';
    // Only the type changes: the kinds are their names at run time.
    expect([builtIn, declared, typo]).toEqual(['l7-proxy', 'kuma-dp', 'l7-prxy']);
  });
});

describe("a registered shape's own enforcer kinds", () => {
  afterEach(() => unregisterMeshShape('test-kuma'));

  it('warn of a policy the kind does not run, with its hint, and do not apply it', () => {
    registerMeshShape(
      kuma({
        'test-kuma-dp': {
          policies: ALL_BUT_BUDGETS,
          retries: 'envoy',
          hints: { 'retry-budget': 'Kuma bounds retries with MeshCircuitBreaker' },
        },
      }),
    );
    expect(canEnforce(KUMA_DP, 'retry-budget')).toBe(false);
    expect(canEnforce(KUMA_DP, 'timeout')).toBe(true);
    expect(budgetWarnings()).toContain(
      'retry-budget on service "api" is not enforced: the test-kuma mesh shape enforces it at a test-kuma-dp hop, ' +
        'which cannot; the policy is not applied (Kuma bounds retries with MeshCircuitBreaker)',
    );
  });

  it('run the policies the kind declares, without a warning', () => {
    registerMeshShape(kuma({ 'test-kuma-dp': { policies: POLICY_NAMES } }));
    expect(budgetWarnings().filter((message) => message.includes('retry-budget'))).toEqual([]);
  });

  it('are removed with their shape, and refused when malformed, naming the shape and the field', () => {
    registerMeshShape(kuma({ 'test-kuma-dp': { policies: POLICY_NAMES } }));
    unregisterMeshShape('test-kuma');
    expect(() => canEnforce(KUMA_DP, 'timeout')).toThrow(/enforcer kind "test-kuma-dp" is not known/);
    expect(() => registerMeshShape(kuma({ 'l7-proxy': { policies: POLICY_NAMES } }, 'l7-proxy'))).toThrow(
      'registerMeshShape("test-kuma"): enforcers.l7-proxy: a built-in enforcer kind; name your own',
    );
    expect(() =>
      registerMeshShape(kuma({ 'test-kuma-dp': { policies: ['timeout', 'retries' as PolicyName] } })),
    ).toThrow(
      `registerMeshShape("test-kuma"): enforcers.test-kuma-dp.policies[1] must be a policy name: ${POLICY_NAMES.join(', ')} (got "retries")`,
    );
  });
});
