// Every rule of every rule table (the size limits aside) is met by a config built in code as by a scenario file:
// for each row, where CONFIG_RULE_SITES places it, a value past each bound, NaN, and an unknown enum value are
// refused by simulate() before it builds anything, naming the field's config path and the rule's reason.

import { describe, expect, it } from 'vitest';
import type { RuleRow, SimulationConfig } from '../../../src/index.js';
import {
  AWS_SDK_RETRY_QUOTA_RULES,
  CONNECTION_POOL_RULES,
  ENVOY_RETRY_BUDGET_RULES,
  ERROR_RATE_BREAKER_RULES,
  FAILURE_ACCRUAL_RULES,
  FAILURE_PERCENTAGE_RULES,
  GRPC_RETRY_THROTTLING_RULES,
  LINKERD_RETRY_BUDGET_RULES,
  OUTLIER_DETECTION_RULES,
  READINESS_PROBE_RULES,
  RULE_TABLES,
  SUCCESS_RATE_RULES,
  Simulation,
  configDefaults,
  toConfigUnit,
} from '../../../src/index.js';
import { CONFIG_RULE_SITES, siteKey, siteRows } from '../../../src/internal/index.js';
import type { ConfigRuleSite } from '../../../src/internal/index.js';
import { call, config, service } from '../../__helpers__/configs.js';

const POLICY = {
  timeoutMs: 1000,
  perTryTimeoutMs: 300,
  retry: {
    maxAttempts: 3,
    retryOn: ['5xx' as const],
    backoff: { baseMs: 25, maxMs: 250, jitter: 'full' as const },
  },
};

/** A config with an object at every site: each optional field written, each policy and load balancer kind used. */
function everySite(): SimulationConfig {
  const destination = {
    loadBalancer: null,
    connectionPool: configDefaults(CONNECTION_POOL_RULES),
    outlierDetection: {
      ...configDefaults(OUTLIER_DETECTION_RULES),
      successRate: configDefaults(SUCCESS_RATE_RULES),
      failurePercentage: configDefaults(FAILURE_PERCENTAGE_RULES),
    },
    failureAccrual: configDefaults(FAILURE_ACCRUAL_RULES),
    errorRateBreaker: configDefaults(ERROR_RATE_BREAKER_RULES),
    retryBudget: null,
  };
  const a = service('a', {
    calls: [
      [
        call('b', POLICY, {
          mirror: { to: 'c', percent: 10 },
          faultInjection: { delay: { percent: 5, delayMs: 10 }, abort: { percent: 5, status: 'rejected' } },
          keepAlive: true,
          appRetry: { ...POLICY.retry, backoff: { ...POLICY.retry.backoff } },
        }),
      ],
      [call('c', POLICY), call('d', POLICY)],
    ],
    versions: [
      { name: 'v1', replicas: 1, weight: 50, serviceTimeMs: null, errorRate: 0.1 },
      { name: 'v2', replicas: 1, weight: 50, serviceTimeMs: null, errorRate: null },
    ],
    destination: { ...destination, loadBalancer: { kind: 'least-request', choiceCount: 2 } },
    inbound: {
      rateLimit: { ratePerSecond: 100, burst: 100, scope: 'instance' },
      shedding: { kind: 'queue-timeout', timeoutMs: 100 },
      allowedCallers: null,
      bulkheads: { b: 5 },
    },
    requestBytes: 100,
    responseBytes: 100,
    cpuLimitCores: 1,
    cpuRequestCores: 0.5,
    proxyCpuLimitCores: 1,
    proxyCpuRequestCores: 0.1,
    memoryRequestMiB: 64,
    memoryLimitMiB: 128,
    proxyMemoryRequestMiB: 32,
    proxyMemoryLimitMiB: 64,
    serviceTimeCpuShare: 0.5,
    protocol: 'http2',
    onDependencyFailure: { kind: 'status', status: 503 },
    deadlinePropagation: true,
    dedicatedNodes: false,
    readinessProbe: configDefaults(READINESS_PROBE_RULES),
  });
  const b = service('b', {
    destination: {
      ...destination,
      loadBalancer: { kind: 'peak-ewma', defaultRttMs: 30, decayMs: 10_000 },
      retryBudget: { kind: 'linkerd', ...configDefaults(LINKERD_RETRY_BUDGET_RULES) },
    },
    inbound: {
      rateLimit: null,
      shedding: { kind: 'codel', targetMs: 5, intervalMs: 100 },
      allowedCallers: null,
      bulkheads: {},
    },
  });
  const c = service('c', {
    destination: {
      ...destination,
      loadBalancer: { kind: 'locality-aware', minHealthyPercent: 70 },
      retryBudget: { kind: 'envoy', ...configDefaults(ENVOY_RETRY_BUDGET_RULES) },
    },
  });
  const d = service('d', {
    destination: {
      ...destination,
      retryBudget: { kind: 'grpc', ...configDefaults(GRPC_RETRY_THROTTLING_RULES) },
    },
  });
  const e = service('e', {
    destination: {
      ...destination,
      retryBudget: { kind: 'aws-sdk', ...configDefaults(AWS_SDK_RETRY_QUOTA_RULES) },
    },
  });
  const base = config(
    [a, b, c, d, e],
    [
      {
        kind: 'open',
        name: 'client',
        to: 'a',
        arrival: 'poisson',
        rate: [{ atMs: 0, rps: 10, rampToNext: false }],
        policy: POLICY,
        connections: 10,
        keepAlive: true,
      },
      {
        kind: 'closed',
        name: 'users',
        to: 'a',
        users: 5,
        thinkTimeMs: { kind: 'constant', value: 10 },
        policy: POLICY,
      },
    ],
    { durationMs: 500, cpuWeights: 'linear' },
  );
  const cluster = base.clusters[0]!;
  return {
    ...base,
    clusters: [
      {
        ...cluster,
        nodeCpu: 8,
        nodeMemoryMiB: 16_384,
        nodeMaxPods: 110,
        nodePools: [
          {
            name: 'big',
            zones: [{ name: cluster.zones[0]!.name, nodes: 1 }],
            nodeCpu: 16,
            nodeMemoryMiB: 32_768,
            nodeMaxPods: 50,
          },
        ],
      },
    ],
  };
}

/** Values of `row` its rule refuses, in config units, each with the reason the message ends with (if any). */
function refused(row: RuleRow): { value: unknown; why?: string | undefined }[] {
  if (row.kind === 'enum') return [{ value: 'bogus' }];
  const out: { value: unknown; why?: string | undefined }[] = [{ value: NaN }];
  if (row.kind === 'integer') out.push({ value: 1.5 + (row.min?.value ?? 0) });
  if (row.min !== undefined) {
    const bound = toConfigUnit(row, row.min.value);
    out.push({ value: row.min.exclusive === true ? bound : bound - 1, why: row.min.why });
  }
  if (row.max !== undefined) {
    const bound = toConfigUnit(row, row.max.value);
    out.push({ value: row.max.exclusive === true ? bound : bound + 1, why: row.max.why });
  }
  return out;
}

/** What a config writes for a refused value of a row it stores as something else. */
const WRITTEN: Readonly<Record<string, (value: unknown) => unknown>> = {
  'service.onDependencyFailure': (value) => ({ kind: 'status', status: value }),
  'fault-abort.status': (value) => value,
};

const CHECKED = CONFIG_RULE_SITES.flatMap((site) =>
  siteRows(site).map((row) => [`${site.table.id}.${row.field}`, site, row] as const),
);

describe('CONFIG_RULE_SITES', () => {
  it('place every row of every rule table but the size limits (checkConfigBounds counts those) and the mesh options (checkMeshOptionValues)', () => {
    const placed = new Set<string>(CHECKED.map(([name]) => name));
    const elsewhere: string[] = CONFIG_RULE_SITES.flatMap((site) =>
      Object.keys(site.elsewhere ?? {}).map((field) => `${site.table.id}.${field}`),
    );
    const all: string[] = RULE_TABLES.filter((table) => table.id !== 'limits' && table.id !== 'mesh').flatMap(
      (table) => table.rows.map((row) => `${table.id}.${row.field}`),
    );
    expect(all.filter((name) => !placed.has(name) && !elsewhere.includes(name))).toEqual([]);
  });

  it('find an object at every site of a config that uses every field, and that config runs', () => {
    const cfg = everySite();
    for (const site of CONFIG_RULE_SITES) expect(site.objects(cfg).length, site.table.id).toBeGreaterThan(0);
    expect(() => new Simulation(cfg)).not.toThrow();
  });

  const cases = CHECKED.filter(([, , row]) => row.kind !== 'boolean').flatMap(([name, site, row]) =>
    refused(row).map((bad) => [`${name} = ${String(bad.value)}`, site, row, bad] as const),
  );

  it.each(cases)('refuses %s in code, naming its path', (_name, site: ConfigRuleSite, row, bad) => {
    const cfg = structuredClone(everySite());
    const target = site.objects(cfg)[0]!;
    const key = site.everyKey === true ? Object.keys(target.values)[0]! : siteKey(site, row);
    const write = WRITTEN[`${site.table.id}.${row.field}`];
    (target.values as Record<string, unknown>)[key] = write === undefined ? bad.value : write(bad.value);
    const path = target.path === '' ? key : `${target.path}.${key}`;
    let error: unknown;
    try {
      new Simulation(cfg);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RangeError);
    const message = (error as Error).message;
    expect(message.startsWith(`${path} must be `), message).toBe(true);
    if (bad.why !== undefined) expect(message.endsWith(`: ${bad.why}`), message).toBe(true);
  });
});
