// Where each rule table's fields live in a SimulationConfig: the one map from a scenario's rules to a config built
// in code, so that `checkRuleSites` refuses what a scenario file refuses, each error naming the field's path.

import type { CallPolicy } from '../CallPolicy.js';
import type { SimulationConfig } from '../SimulationConfig.js';
import { AWS_SDK_RETRY_QUOTA_RULES } from './awsSdkRetryQuotaRules.js';
import { BULKHEAD_RULES } from './bulkheadRules.js';
import { APP_RETRY_RULES, BACKOFF_RULES, CALL_POLICY_RULES, RETRY_RULES } from './callPolicyRules.js';
import { CALL_RULES } from './callRules.js';
import { checkField } from './checkFields.js';
import { configKey } from './configDefaults.js';
import { CONNECTION_POOL_RULES } from './connectionPoolRules.js';
import { ENVOY_RETRY_BUDGET_RULES } from './envoyRetryBudgetRules.js';
import { ERROR_RATE_BREAKER_RULES } from './errorRateBreakerRules.js';
import { FAILURE_ACCRUAL_RULES } from './failureAccrualRules.js';
import { FAULT_ABORT_RULES, FAULT_DELAY_RULES } from './faultInjectionRules.js';
import { GRPC_RETRY_THROTTLING_RULES } from './grpcRetryThrottlingRules.js';
import { LINKERD_RETRY_BUDGET_RULES } from './linkerdRetryBudgetRules.js';
import { LEAST_REQUEST_RULES, LOCALITY_AWARE_RULES, PEAK_EWMA_RULES } from './loadBalancerRules.js';
import { MIRROR_RULES } from './mirrorRules.js';
import {
  FAILURE_PERCENTAGE_RULES,
  OUTLIER_DETECTION_RULES,
  SUCCESS_RATE_RULES,
} from './outlierDetectionRules.js';
import { RATE_LIMIT_RULES } from './rateLimitRules.js';
import { READINESS_PROBE_RULES } from './readinessProbeRules.js';
import type { RuleRow, RuleTable } from './RuleRow.js';
import { SCENARIO_RULES } from './scenarioRules.js';
import { SERVICE_RULES } from './serviceRules.js';
import { CODEL_RULES, QUEUE_TIMEOUT_RULES } from './sheddingRules.js';
import { TRAFFIC_RULES } from './trafficRules.js';
import { VERSION_RULES } from './versionRules.js';
import { ZONE_RULES } from './zoneRules.js';

/** A config object holding some of a table's fields, and its path (`services.api.destination.connectionPool`). */
export interface RuleSiteObject {
  readonly values: object;
  /** The object's path in the config; '' for the config itself. */
  readonly path: string;
}

/** Where the fields of one rule table (or of some of its rows) are in a config. */
export interface ConfigRuleSite {
  readonly table: RuleTable;
  /** The rows (by `field`) this site checks. @defaultValue every row but those in `elsewhere` */
  readonly fields?: readonly string[];
  /** The objects of `config` holding the fields. Called after checkConfigValues has checked the config's structure. */
  readonly objects: (config: SimulationConfig) => readonly RuleSiteObject[];
  /**
   * Rows (by `field`) a config must give: for the others, undefined or null means the row's default (`none`, a
   * value). @defaultValue every row
   */
  readonly required?: readonly string[];
  /** Config fields that differ from the row's `configField` on this site (`nodeMemory` → `nodeMemoryMiB`). */
  readonly keys?: Readonly<Record<string, string>>;
  /** Rows whose config value is not the field as is (an enum stored as an object): the value to check. */
  readonly read?: Readonly<Record<string, (values: object) => unknown>>;
  /** The one row applies to every key of each object (a bulkhead per downstream service). */
  readonly everyKey?: true;
  /** Rows checked elsewhere (by `field`), and where. */
  readonly elsewhere?: Readonly<Record<string, string>>;
}

type Loose = Readonly<Record<string, unknown>>;

function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Every caller policy of a config (calls, traffic sources, the mesh's default), with its path. */
function policies(config: SimulationConfig): RuleSiteObject[] {
  const out: RuleSiteObject[] = [];
  for (const service of config.services) {
    service.calls.forEach((stage, i) =>
      stage.forEach((call, j) =>
        out.push({ values: call.policy, path: `services.${service.name}.calls[${i}][${j}].policy` }),
      ),
    );
  }
  config.traffic.forEach((source, i) => out.push({ values: source.policy, path: `traffic[${i}].policy` }));
  out.push({ values: config.mesh.defaultPolicy, path: 'mesh.defaultPolicy' });
  return out;
}

/** `pick(service)` of every service that has it (not null), at `services.<name>.<field>`. */
function ofServices(
  config: SimulationConfig,
  field: string,
  pick: (service: SimulationConfig['services'][number]) => unknown,
): RuleSiteObject[] {
  const out: RuleSiteObject[] = [];
  for (const service of config.services) {
    const values = pick(service);
    if (typeof values === 'object' && values !== null)
      out.push({ values, path: `services.${service.name}.${field}` });
  }
  return out;
}

/** The `what` of every call of every service, with its path. */
function ofCalls(config: SimulationConfig, what: (call: Loose) => unknown, field: string): RuleSiteObject[] {
  const out: RuleSiteObject[] = [];
  for (const service of config.services) {
    service.calls.forEach((stage, i) =>
      stage.forEach((call, j) => {
        const values = what(call as unknown as Loose);
        if (typeof values === 'object' && values !== null)
          out.push({ values, path: `services.${service.name}.calls[${i}][${j}]${field}` });
      }),
    );
  }
  return out;
}

/** `object` when its `kind` is `kind`. */
function ofKind(object: unknown, kind: string): object | null {
  return typeof object === 'object' && object !== null && (object as Loose)['kind'] === kind ? object : null;
}

const destination = (service: SimulationConfig['services'][number]): Loose =>
  (service.destination ?? {}) as unknown as Loose;
const inbound = (service: SimulationConfig['services'][number]): Loose =>
  (service.inbound ?? {}) as unknown as Loose;

/** A destination policy's load balancer, retry budget or breaker of `kind`. */
function destinationOf(table: RuleTable, field: string, kind?: string): ConfigRuleSite {
  return {
    table,
    objects: (config) =>
      ofServices(config, `destination.${field}`, (service) => {
        const value = destination(service)[field];
        return kind === undefined ? value : ofKind(value, kind);
      }),
  };
}

/**
 * Every rule table but LIMIT_RULES (the sizes of a file and of a run: checkConfigBounds counts those) placed in a
 * config. A row a config writes as an object (`onDependencyFailure`, a fault abort's `status`) is `read` into the
 * value its rule checks.
 */
export const CONFIG_RULE_SITES: readonly ConfigRuleSite[] = [
  {
    table: SCENARIO_RULES,
    fields: ['duration', 'cpuWeights'],
    objects: (config) => [{ values: config, path: '' }],
    required: ['duration'],
  },
  {
    table: SCENARIO_RULES,
    fields: ['nodeCpu', 'nodeMemory', 'nodeMaxPods'],
    keys: { nodeMemory: 'nodeMemoryMiB' },
    objects: (config) =>
      config.clusters.flatMap((cluster, i) => [
        { values: cluster, path: `clusters[${i}]` },
        ...(cluster.nodePools ?? []).map((pool, j) => ({
          values: pool,
          path: `clusters[${i}].nodePools[${j}]`,
        })),
      ]),
    required: [],
  },
  {
    table: ZONE_RULES,
    objects: (config) =>
      config.clusters.flatMap((cluster, i) => [
        ...cluster.zones.map((zone, k) => ({ values: zone, path: `clusters[${i}].zones[${k}]` })),
        ...(cluster.nodePools ?? []).flatMap((pool, j) =>
          pool.zones.map((zone, k) => ({ values: zone, path: `clusters[${i}].nodePools[${j}].zones[${k}]` })),
        ),
      ]),
  },
  {
    table: SERVICE_RULES,
    objects: (config) =>
      config.services.map((service) => ({ values: service, path: `services.${service.name}` })),
    required: ['replicas', 'concurrency', 'queue', 'queueDiscipline', 'errorRate'],
    read: {
      onDependencyFailure: (service) => {
        const answer = (service as Loose)['onDependencyFailure'];
        if (typeof answer !== 'object' || answer === null) return answer;
        const { kind, status } = answer as Loose;
        return kind === 'passthrough' ? 'passthrough' : kind === 'status' ? status : kind;
      },
    },
  },
  {
    table: VERSION_RULES,
    objects: (config) =>
      config.services.flatMap((service) =>
        (service.versions ?? []).map((version, k) => ({
          values: version,
          path: `services.${service.name}.versions[${k}]`,
        })),
      ),
    required: ['replicas'],
  },
  {
    table: CALL_RULES,
    objects: (config) => ofCalls(config, (call) => call, ''),
    required: ['probability'],
  },
  { table: MIRROR_RULES, objects: (config) => ofCalls(config, (call) => call['mirror'], '.mirror') },
  {
    table: FAULT_DELAY_RULES,
    objects: (config) =>
      ofCalls(
        config,
        (call) => (call['faultInjection'] as Loose | null | undefined)?.['delay'],
        '.faultInjection.delay',
      ),
  },
  {
    table: FAULT_ABORT_RULES,
    objects: (config) =>
      ofCalls(
        config,
        (call) => (call['faultInjection'] as Loose | null | undefined)?.['abort'],
        '.faultInjection.abort',
      ),
    read: {
      // The config stores the class of the status (Istio abort.httpStatus 500 or 503).
      status: (abort) => {
        const status = (abort as Loose)['status'];
        return status === 'error' ? 500 : status === 'rejected' ? 503 : status;
      },
    },
  },
  { table: CALL_POLICY_RULES, objects: policies },
  {
    table: RETRY_RULES,
    objects: (config) =>
      policies(config).map(({ values, path }) => ({
        values: (values as CallPolicy).retry,
        path: `${path}.retry`,
      })),
    elsewhere: { perTryTimeout: "the policy's perTryTimeoutMs (CALL_POLICY_RULES)" },
  },
  {
    table: BACKOFF_RULES,
    objects: (config) =>
      policies(config).map(({ values, path }) => ({
        values: (values as CallPolicy).retry.backoff,
        path: `${path}.retry.backoff`,
      })),
  },
  {
    table: APP_RETRY_RULES,
    objects: (config) => ofCalls(config, (call) => call['appRetry'], '.appRetry'),
  },
  {
    table: BACKOFF_RULES,
    objects: (config) =>
      ofCalls(
        config,
        (call) => (call['appRetry'] as Loose | null | undefined)?.['backoff'],
        '.appRetry.backoff',
      ),
  },
  {
    table: TRAFFIC_RULES,
    fields: ['arrival', 'connections', 'keepAlive'],
    objects: (config) =>
      config.traffic.flatMap((source, i) =>
        source.kind === 'open' ? [{ values: source, path: `traffic[${i}]` }] : [],
      ),
    required: ['arrival'],
  },
  {
    table: TRAFFIC_RULES,
    fields: ['users', 'keepAlive'],
    objects: (config) =>
      config.traffic.flatMap((source, i) =>
        source.kind === 'closed' ? [{ values: source, path: `traffic[${i}]` }] : [],
      ),
    required: ['users'],
  },
  destinationOf(LEAST_REQUEST_RULES, 'loadBalancer', 'least-request'),
  destinationOf(PEAK_EWMA_RULES, 'loadBalancer', 'peak-ewma'),
  destinationOf(LOCALITY_AWARE_RULES, 'loadBalancer', 'locality-aware'),
  {
    ...destinationOf(CONNECTION_POOL_RULES, 'connectionPool'),
    // connectTimeoutMs absent: the mesh's connect timeout.
    required: ['maxConnections', 'maxPendingRequests', 'maxRequests', 'maxRetries'],
  },
  destinationOf(OUTLIER_DETECTION_RULES, 'outlierDetection'),
  {
    table: SUCCESS_RATE_RULES,
    objects: (config) =>
      ofServices(
        config,
        'destination.outlierDetection.successRate',
        (service) => (destination(service)['outlierDetection'] as Loose | null | undefined)?.['successRate'],
      ),
  },
  {
    table: FAILURE_PERCENTAGE_RULES,
    objects: (config) =>
      ofServices(
        config,
        'destination.outlierDetection.failurePercentage',
        (service) =>
          (destination(service)['outlierDetection'] as Loose | null | undefined)?.['failurePercentage'],
      ),
  },
  destinationOf(FAILURE_ACCRUAL_RULES, 'failureAccrual'),
  destinationOf(ERROR_RATE_BREAKER_RULES, 'errorRateBreaker'),
  destinationOf(LINKERD_RETRY_BUDGET_RULES, 'retryBudget', 'linkerd'),
  destinationOf(ENVOY_RETRY_BUDGET_RULES, 'retryBudget', 'envoy'),
  destinationOf(GRPC_RETRY_THROTTLING_RULES, 'retryBudget', 'grpc'),
  destinationOf(AWS_SDK_RETRY_QUOTA_RULES, 'retryBudget', 'aws-sdk'),
  {
    table: READINESS_PROBE_RULES,
    objects: (config) => ofServices(config, 'readinessProbe', (service) => service.readinessProbe),
  },
  {
    table: RATE_LIMIT_RULES,
    objects: (config) => ofServices(config, 'inbound.rateLimit', (service) => inbound(service)['rateLimit']),
  },
  {
    table: QUEUE_TIMEOUT_RULES,
    objects: (config) =>
      ofServices(config, 'inbound.shedding', (service) =>
        ofKind(inbound(service)['shedding'], 'queue-timeout'),
      ),
  },
  {
    table: CODEL_RULES,
    objects: (config) =>
      ofServices(config, 'inbound.shedding', (service) => ofKind(inbound(service)['shedding'], 'codel')),
  },
  {
    table: BULKHEAD_RULES,
    objects: (config) => ofServices(config, 'inbound.bulkheads', (service) => inbound(service)['bulkheads']),
    everyKey: true,
  },
];

/** The rows of `site` it checks. */
export function siteRows(site: ConfigRuleSite): readonly RuleRow[] {
  return site.table.rows.filter(
    (row) =>
      (site.fields === undefined || site.fields.includes(row.field)) &&
      site.elsewhere?.[row.field] === undefined,
  );
}

/** The config field of `row` on `site`. */
export function siteKey(site: ConfigRuleSite, row: RuleRow): string {
  return site.keys?.[row.field] ?? configKey(row);
}

/**
 * Throws a RangeError naming the field's path (`services.checkout.serviceTimeCpuShare must be ≤ 1 (got 2)`, with the
 * rule's reason after a colon where it gives one) for the first field of `config` that breaks its rule table, as
 * CONFIG_RULE_SITES places the tables in a config. Run once per `simulate`, after checkConfigValues.
 */
export function checkRuleSites(config: SimulationConfig): void {
  for (const site of CONFIG_RULE_SITES) {
    const rows = siteRows(site);
    for (const { values, path } of site.objects(config)) {
      const loose = values as Loose;
      if (site.everyKey === true) {
        const row = rows[0];
        if (row !== undefined)
          for (const [key, value] of Object.entries(loose)) checkField(row, value, at(path, key));
        continue;
      }
      for (const row of rows) {
        const key = siteKey(site, row);
        const read = site.read?.[row.field];
        const value = read === undefined ? loose[key] : read(values);
        const required = site.required === undefined || site.required.includes(row.field);
        if (!required && (value === undefined || value === null)) continue;
        checkField(row, value, at(path, key), { table: site.table, values });
      }
    }
  }
}
