// Builds the scenario from the import model and the --graph fragment, every part with a comment saying where
// it came from. Without a call graph the scenario is still valid: service times and traffic are
// placeholders, marked in comments, in `assumptions` and in a warning.

import { buildCpuWeights } from './buildCpuWeights.js';
import { SCENARIO_DEFAULTS } from '@meshsim/scenario';
import type { RawScenario } from '@meshsim/scenario';

import type { CallPolicyParts, ImportedService, SourceRef } from '../../ImportModel.js';
import type { ScenarioFaultInjection } from '../../ScenarioParts.js';
import type { ScenarioComment } from '../../ScenarioComment.js';
import type { MtlsSetting } from '../istio/importPeerAuthentication.js';
import type { MeshChoice } from '../mesh/decideMesh.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import type { Fragment } from './readFragment.js';
import { isRecord } from '../isRecord.js';
import type { JsonObject } from '../isRecord.js';
import { applyCallPolicies } from './applyCallPolicies.js';
import { calledServices } from './calledServices.js';
import { buildVersions, versionName } from './buildVersions.js';
import type { FailingShare } from './buildVersions.js';
import { CommentSet } from './CommentSet.js';
import { FRAGMENT_KIND } from './seedFragmentServices.js';
import { DEFAULT_ENTRY_RATE, PLACEHOLDER_RATE, PLACEHOLDER_SERVICE_TIME } from './placeholders.js';
import { shortRefs } from '../model/describeRefs.js';
import { serviceCpu, serviceMemory } from './serviceResources.js';
import { serviceReadinessProbe } from './serviceReadinessProbe.js';
import { formatCpu } from '../units/formatCpu.js';
import { formatMemory } from '../units/formatMemory.js';
import { buildClusters } from './buildClusters.js';
import { nodeAgentFields } from './nodeAgentFields.js';
import { PROXY_RESOURCE_FIELDS, proxyResources } from './proxyResources.js';
import { pushAll } from '@meshsim/mesh';

/** What the builder needs besides the model. */
export interface BuildInput {
  builder: ModelBuilder;
  mesh: MeshChoice | undefined;
  mtls: MtlsSetting | undefined;
  fragment: Fragment | undefined;
  /** The entry-point rate chosen by the user (`--rate`), if any. */
  rate: string | number | undefined;
  /** The scenario's name, when chosen (`--name`): it wins over the fragment's. */
  name: string | undefined;
  /** The name otherwise (the first input's). */
  defaultName: string;
  /** The inputs as shown to the user (for the description and header). */
  inputs: readonly string[];
}

/** The scenario as an object, its comments and the header comment lines. */
export interface BuiltScenario {
  scenario: RawScenario;
  comments: ScenarioComment[];
  header: string[];
}

const SERVICE_ORDER = [
  'namespace',
  'cluster',
  'nodePool',
  'replicas',
  'concurrency',
  'queue',
  'queueDiscipline',
  'serviceTime',
  'errorRate',
  'requestBytes',
  'responseBytes',
  'cpuRequest',
  'cpuLimit',
  'memoryRequest',
  'memoryLimit',
  'proxyCpuLimit',
  'proxyCpuRequest',
  'proxyMemoryRequest',
  'proxyMemoryLimit',
  'readinessProbe',
  'versions',
  'weightSchedule',
  'routes',
  'waypoint',
  'calls',
  'destinationPolicy',
  'inbound',
  'deadlinePropagation',
];

const TOP_ORDER = [
  'name',
  'description',
  'seed',
  'duration',
  'mesh',
  'network',
  'nodeCpu',
  'nodeMemory',
  'nodeMaxPods',
  'daemonSets',
  'cpuWeights',
  'clusters',
  'services',
  'traffic',
  'faults',
  'assumptions',
];

/** `object` with its keys in `order` first (others after, in their order). */
function ordered(object: JsonObject, order: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const key of order) if (object[key] !== undefined) out[key] = object[key];
  for (const [key, value] of Object.entries(object))
    if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

/** A percentage as printed: to 0.01 at most. */
function percentText(percent: number): string {
  return String(Math.round(percent * 100) / 100);
}

/**
 * The policy of the calls to `service`, with the share of them Istio answers with 503 for want of endpoints
 * (`failing`) as an abort of that share with status 503: Envoy's router answers a request for a cluster that does not
 * exist (or has no endpoint) at once, without an upstream request, and does not retry it — as meshsim's abort
 * fails a call without contacting the service and without retries. With the route's own abort (the fault filter runs
 * before the router) the shares add up: a + (1 − a) × f. A route abort of another status cannot be combined (a call
 * has one abort status): warned, not reproduced.
 * @returns The policy, and the comment that explains the abort on each call.
 */
function withFailingShare(
  service: ImportedService,
  failing: FailingShare | undefined,
  builder: ModelBuilder,
): { policy: CallPolicyParts; note?: string } {
  if (failing === undefined) return { policy: service.callPolicy };
  const fault = service.callPolicy.faultInjection;
  const abort = fault?.value.abort;
  const why = failing.subsets
    .map(
      ({ name, percent, reason }) =>
        `${name} ${percentText(percent)} %: ${reason === 'undefined' ? 'no DestinationRule defines it' : 'it selects no pod'}`,
    )
    .join('; ');
  if (abort !== undefined && abort.status !== 503) {
    builder.warnAbout(
      fault?.from[0],
      builder.weightRoutes.get(service) ?? [],
      `Istio also answers ${percentText(failing.percent)} % of the requests to "${service.name}" with 503 for want of endpoints (${why}), which the scenario does not reproduce: this route's own fault injection aborts with ${String(abort.status)}, and a call has one abort status`,
    );
    return { policy: service.callPolicy };
  }
  // The importer writes the route's abort percentage as a number; a percentage may be written `5%` too.
  const own = abort === undefined ? 0 : Number.parseFloat(String(abort.percent));
  const percent =
    abort === undefined ? failing.percent : Math.round((own + (1 - own / 100) * failing.percent) * 100) / 100;
  const value: ScenarioFaultInjection = { ...fault?.value, abort: { percent, status: 503 } };
  return {
    policy: {
      ...service.callPolicy,
      faultInjection: { value, from: [...(fault?.from ?? []), ...failing.from] },
    },
    note: `faultInjection.abort: the ${percentText(failing.percent)} % of requests Istio routes to subsets without endpoints, which it answers with 503 (${why})${abort === undefined ? '' : `, with the route's own ${percentText(own)} %`}`,
  };
}

/**
 * The imported fields of one service; the share of its calls Istio fails for want of endpoints goes into
 * `failing`.
 */
function importService(
  service: ImportedService,
  input: BuildInput,
  comments: CommentSet,
  failing: Map<ImportedService, FailingShare>,
): JsonObject {
  const { warnings } = input.builder;
  const out: JsonObject = {};
  const path = ['services', service.name];
  comments.from(
    path,
    service.from.filter((ref) => ref.kind !== FRAGMENT_KIND),
  );
  if (service.namespace !== 'default') out['namespace'] = service.namespace;
  if (service.cluster !== undefined) {
    out['cluster'] = service.cluster.value;
    comments.from([...path, 'cluster'], service.cluster.from, true, 'from', service.from);
  }
  const built = buildVersions(service, input.builder);
  if (built.failing !== undefined) failing.set(service, built.failing);
  if (built.versions !== undefined) {
    out['versions'] = built.versions;
    // Name only what the versions took: the weights when some version has one, the workloads when they were counted.
    const weighted = built.versions.some((version) => version.weight !== undefined);
    const counted = service.workloads.length > 0;
    const refs = [
      ...(service.subsets?.from ?? []),
      ...(weighted ? (service.weights?.from ?? []) : []),
      ...(counted ? service.workloads.map((w) => w.from) : (service.replicas?.from ?? [])),
    ];
    const taken = `subsets${weighted ? ', weights' : ''} and ${counted ? 'replicas' : 'replicas (split evenly)'}`;
    comments.from([...path, 'versions'], refs, false, `${taken} from`);
    const subsets = (service.subsets?.value ?? []).map((subset) => subset.name);
    const versions = built.versions;
    const routes = (service.routes?.value ?? []).filter((route) => {
      const place = input.builder.classRoutePlaces.get(route);
      if (!subsets.includes(route.version)) {
        input.builder.warnAbout(
          place?.from,
          place?.path ?? [],
          `a class route of service "${service.name}" goes to subset "${route.version}", which its DestinationRule does not define (subsets: ${subsets.join(', ')}): Istio answers these requests with 503 (no cluster found); a scenario cannot fail one class of requests alone, so the route is not imported and the scenario does not reproduce those failures (the class follows the other routes)`,
        );
        return false;
      }
      if (versions.find((v) => v.name === versionName(route.version))?.replicas === 0) {
        input.builder.warnAbout(
          place?.from,
          place?.path ?? [],
          `a class route of service "${service.name}" goes to subset "${route.version}", which selects no pod: Istio answers these requests with 503 (no healthy upstream), while meshsim sends a request for a version without instances to any instance; the scenario does not reproduce those failures`,
        );
      }
      return true;
    });
    if (routes.length > 0 && service.routes !== undefined) {
      out['routes'] = routes.map((route) => ({ match: route.match, version: versionName(route.version) }));
      comments.from([...path, 'routes'], service.routes.from, false, 'header matches (request classes) from');
    }
  } else {
    if (built.replicas !== undefined) {
      out['replicas'] = built.replicas;
      comments.from([...path, 'replicas'], service.replicas?.from ?? [], true, 'from', service.from);
    }
    if (service.routes !== undefined) {
      const first = service.routes.value[0];
      const place = first === undefined ? undefined : input.builder.classRoutePlaces.get(first);
      input.builder.warnAbout(
        place?.from,
        place?.path ?? [],
        `service "${service.name}" has class routes to subsets, but no DestinationRule of the inputs defines subsets of it: Istio answers these requests with 503 (no cluster found); a scenario cannot fail one class of requests alone, so the routes are not imported and the scenario does not reproduce those failures`,
      );
    }
  }
  if (service.serviceTime !== undefined) {
    out['serviceTime'] = service.serviceTime.value;
    comments.from([...path, 'serviceTime'], service.serviceTime.from, true, 'sleeps of', service.from);
  }
  for (const field of ['errorRate', 'requestBytes', 'responseBytes'] as const) {
    const sourced = service[field];
    if (sourced === undefined) continue;
    out[field] = sourced.value;
    comments.from(
      [...path, field],
      sourced.from,
      true,
      field === 'requestBytes' ? 'size of the calls of' : 'from',
      field === 'requestBytes' ? [] : service.from,
    );
  }
  const cpu = serviceCpu(service, warnings);
  const workloadRefs = service.workloads.map((w) => w.from);
  for (const [field, cores] of [
    ['cpuRequest', cpu.requestCores],
    ['cpuLimit', cpu.limitCores],
  ] as const) {
    if (cores === undefined) continue;
    out[field] = formatCpu(cores);
    comments.from([...path, field], workloadRefs, true, "containers' resources of");
  }
  const memory = serviceMemory(service, warnings);
  for (const [field, mib] of [
    ['memoryRequest', memory.requestMiB],
    ['memoryLimit', memory.limitMiB],
  ] as const) {
    if (mib === undefined) continue;
    out[field] = formatMemory(mib);
    comments.from([...path, field], workloadRefs, true, "containers' resources of");
  }
  const probe = serviceReadinessProbe(service, input.builder);
  if (probe !== undefined) {
    out['readinessProbe'] = { ...probe.probe };
    comments.from([...path, 'readinessProbe'], probe.from, true, 'readiness probe of');
  }
  if (service.calls !== undefined && service.calls.value.length > 0) {
    out['calls'] = structuredClone(service.calls.value);
    comments.from([...path, 'calls'], service.calls.from, false, 'script of', service.from);
  }
  const policy: JsonObject = {};
  for (const [key, sourced] of Object.entries(service.destinationPolicy)) {
    if (sourced === undefined) continue;
    policy[key] = structuredClone(sourced.value);
    comments.from([...path, 'destinationPolicy', key], sourced.from);
  }
  if (Object.keys(policy).length > 0) out['destinationPolicy'] = policy;
  return out;
}

/**
 * Warns when services got a CPU limit or request from their containers but no node has a CPU size (no
 * `nodeCpu` at the top of the fragment or on a cluster): the run would ignore them, and say so for each.
 */
function warnCpuWithoutNodeSize(
  services: Record<string, JsonObject>,
  fragment: Fragment | undefined,
  clusters: unknown,
  warnings: BuildInput['builder']['warnings'],
): void {
  const withCpu = Object.entries(services)
    .filter(([, s]) => s['cpuLimit'] !== undefined || s['cpuRequest'] !== undefined)
    .map(([name]) => name);
  if (withCpu.length === 0 || fragment?.value['nodeCpu'] !== undefined) return;
  if (Array.isArray(clusters) && clusters.some((c) => isRecord(c) && c['nodeCpu'] !== undefined)) return;
  const shown =
    withCpu.length > 3
      ? `${withCpu.slice(0, 3).join(', ')} and ${withCpu.length - 3} more`
      : withCpu.join(', ');
  warnings.general(
    '',
    `${withCpu.length === 1 ? 'service' : 'services'} ${shown} ${withCpu.length === 1 ? 'has' : 'have'} CPU requests or limits from their containers, which take effect only when nodes have a CPU size: give nodeCpu (cores per node, e.g. 2 for a c5.large) at the top of the scenario or the --graph fragment`,
  );
}

/** Merges the fragment's services over the imported ones; its values win, each override is warned. */
function mergeServices(services: Record<string, JsonObject>, input: BuildInput, comments: CommentSet): void {
  const fragment = input.fragment;
  const fromFragment = fragment?.value['services'];
  if (fragment === undefined || !isRecord(fromFragment)) return;
  for (const [name, raw] of Object.entries(fromFragment)) {
    if (!isRecord(raw)) continue;
    const existing = services[name];
    if (existing === undefined) {
      services[name] = structuredClone(raw);
      comments.add(['services', name], `from ${fragment.file} (--graph)`);
      continue;
    }
    for (const [key, value] of Object.entries(raw)) {
      if (existing[key] !== undefined && JSON.stringify(existing[key]) !== JSON.stringify(value)) {
        input.builder.warnings.field(
          fragment.file,
          ['services', name, key],
          fragment.position(['services', name, key]),
          "the --graph fragment's value replaces the imported one",
        );
        comments.dropUnder(['services', name, key]);
      }
      existing[key] = structuredClone(value);
    }
    comments.add(['services', name], `${Object.keys(raw).join(', ')} from ${fragment.file} (--graph)`);
  }
}

/** The services in the fragment's order first (a graph is usually written from its entry), then the rest. */
function fragmentOrder(
  services: Record<string, JsonObject>,
  fragment: Fragment | undefined,
): Record<string, JsonObject> {
  const first = isRecord(fragment?.value['services']) ? Object.keys(fragment.value['services']) : [];
  const names = [
    ...first.filter((name) => name in services),
    ...Object.keys(services).filter((name) => !first.includes(name)),
  ];
  return Object.fromEntries(names.map((name) => [name, services[name] ?? {}]));
}

/** True if the fragment describes a call graph or traffic. */
function fragmentHasGraph(fragment: Fragment | undefined): boolean {
  if (fragment === undefined) return false;
  const services = fragment.value['services'];
  const describes =
    isRecord(services) &&
    Object.values(services).some(
      (s) => isRecord(s) && (s['serviceTime'] !== undefined || s['calls'] !== undefined),
    );
  return describes || Array.isArray(fragment.value['traffic']);
}

/** The traffic sources: the fragment's, the graph's entry points, or a placeholder. */
function buildTraffic(
  services: Record<string, JsonObject>,
  input: BuildInput,
  hasGraph: boolean,
  comments: CommentSet,
): JsonObject[] {
  const { builder, fragment } = input;
  const { warnings } = builder;
  if (fragment !== undefined && Array.isArray(fragment.value['traffic'])) {
    comments.add(['traffic'], `from ${fragment.file} (--graph)`);
    if (input.rate !== undefined) {
      warnings.field(
        fragment.file,
        ['traffic'],
        fragment.position(['traffic']),
        `the given rate ${String(input.rate)} (--rate) is not used: the --graph fragment's traffic gives the traffic sources and their rates`,
      );
    }
    return structuredClone(fragment.value['traffic'] as JsonObject[]);
  }
  const names = Object.keys(services);
  if (!hasGraph) {
    const to = names[0] ?? '';
    comments.add(
      ['traffic'],
      'placeholder: the inputs give no traffic (add a --graph fragment with traffic)',
    );
    // A rate given (--rate) is the placeholder source's: the inputs name no entry point, so it goes to the first service.
    const rate = input.rate ?? PLACEHOLDER_RATE;
    builder.assume(
      `The traffic (${String(rate)} to ${to}) is a placeholder: the inputs describe no traffic` +
        (input.rate === undefined
          ? '.'
          : ' (the rate is the one given; its target, the first service, is not).'),
    );
    return [{ name: sourceName('placeholder', names), to, rate }];
  }
  let entries = builder.model.services
    .filter((s) => s.entry?.value === true && s.name in services)
    .map((s) => s.name);
  if (entries.length === 0) {
    const called = calledServices(services);
    entries = names.filter((name) => !called.has(name));
    if (entries.length === 0 && names[0] !== undefined) entries = [names[0]];
    warnings.general(
      '',
      `no entry point is marked (isotope isEntrypoint); traffic goes to the services nobody calls: ${entries.join(', ')}`,
    );
  }
  const rate = input.rate ?? DEFAULT_ENTRY_RATE;
  if (input.rate === undefined) {
    warnings.general(
      '',
      `the inputs give no traffic rate; each entry point gets ${DEFAULT_ENTRY_RATE} (choose one with --rate)`,
    );
    builder.assume(
      `The traffic rate (${DEFAULT_ENTRY_RATE} per entry point) is a placeholder of the import, not a measurement.`,
    );
  }
  const graphRefs = builder.model.services
    .filter((s) => entries.includes(s.name))
    .flatMap((s) => s.entry?.from ?? []);
  comments.add(
    ['traffic'],
    graphRefs.length > 0
      ? `entry points from ${shortRefs(graphRefs)}; rate ${String(rate)}`
      : `entry points: the services nobody calls; rate ${String(rate)}`,
  );
  // The default source name, unless a service has it (a source named as a service is refused).
  const name = sourceName(SCENARIO_DEFAULTS.trafficName, names);
  return entries.map((to) => (name === SCENARIO_DEFAULTS.trafficName ? { to, rate } : { name, to, rate }));
}

/**
 * `base`, else `base-2`, `base-3`…: the first that names no service. A traffic source named as a service is refused
 * (edges are keyed by caller name: its calls would be counted as the service's).
 */
function sourceName(base: string, services: readonly string[]): string {
  let name = base;
  for (let n = 2; services.includes(name); n++) name = `${base}-${n}`;
  return name;
}

/** Writes `inbound.allowedCallers`; traffic sources are added where a rule allows outside callers. */
function buildAllowedCallers(
  services: Record<string, JsonObject>,
  traffic: readonly JsonObject[],
  input: BuildInput,
  comments: CommentSet,
): void {
  const { warnings } = input.builder;
  for (const service of input.builder.model.services) {
    const allowed = service.allowedCallers;
    const out = services[service.name];
    if (allowed === undefined || out === undefined || allowed.value.everyone) continue;
    const callers = [...allowed.value.callers];
    for (const source of traffic.filter((t) => t['to'] === service.name)) {
      const name = typeof source['name'] === 'string' ? source['name'] : SCENARIO_DEFAULTS.trafficName;
      if (callers.includes(name)) continue;
      if (allowed.value.outsideAllowed) callers.push(name);
      else
        warnings.general(
          '',
          `traffic source "${name}" enters at "${service.name}", whose AuthorizationPolicy allows only ${callers.join(', ') || 'nobody'}: its requests will be denied (403)`,
        );
    }
    const inbound = isRecord(out['inbound']) ? out['inbound'] : {};
    if (inbound['allowedCallers'] !== undefined) continue; // the fragment set it
    inbound['allowedCallers'] = callers;
    out['inbound'] = inbound;
    comments.from(
      ['services', service.name, 'inbound', 'allowedCallers'],
      allowed.from,
      false,
      callers.length === 0 && allowed.value.outsideAllowed ? 'only callers outside the inputs, per' : 'from',
    );
  }
}

/** The proxy resource kinds, in the order the scenario writes them. */
const PROXY_RESOURCE_KINDS = ['cpu-limit', 'cpu-request', 'memory-request', 'memory-limit'] as const;

/** What a comment calls the proxy profile's fields `keys`: `proxy CPU`, `proxy memory` or both. */
function resourcesNoun(keys: readonly string[]): string {
  const cpu = keys.some((key) => key.startsWith('cpu'));
  const memory = keys.some((key) => key.startsWith('memory'));
  return cpu && memory ? 'proxy CPU and memory' : memory ? 'proxy memory' : 'proxy CPU';
}

/** The `mesh` field, with mTLS and waypoints. */
function buildMesh(services: Record<string, JsonObject>, input: BuildInput, comments: CommentSet): unknown {
  const { builder, mesh, mtls, fragment } = input;
  if (fragment !== undefined && fragment.value['mesh'] !== undefined) {
    // The fragment's mesh wins: the pods' proxy resource settings are warned and left out.
    for (const what of PROXY_RESOURCE_KINDS)
      proxyResources(builder.model, mesh?.shape, true, builder.warnings, what);
    nodeAgentFields(builder.model, mesh?.shape, true, builder.warnings);
    const given = fragment.value['mesh'];
    const shape = isRecord(given) ? given['shape'] : given;
    if (mesh !== undefined && shape !== mesh.shape) {
      builder.warnings.general(
        fragment.file,
        `mesh: the --graph fragment's ${JSON.stringify(shape)} replaces ${mesh.shape}, which the inputs point to`,
      );
    }
    comments.add(['mesh'], `from ${fragment.file} (--graph)`, !isRecord(given));
    return structuredClone(given);
  }
  // Limits and requests alike: mesh-wide when every workload agrees, else each service's own.
  const meshProfile: { field: string; values: JsonObject; from: SourceRef[] } = {
    field: '',
    values: {},
    from: [],
  };
  for (const what of PROXY_RESOURCE_KINDS) {
    const found = proxyResources(builder.model, mesh?.shape, false, builder.warnings, what);
    const { profileField, serviceField } = PROXY_RESOURCE_FIELDS[what];
    if (found?.kind === 'mesh') {
      meshProfile.field = found.field;
      meshProfile.values[profileField] = found.value;
      pushAll(meshProfile.from, found.from);
      continue;
    }
    for (const { service, value, from } of found?.services ?? []) {
      const out = services[service];
      if (out === undefined) continue;
      if (out[serviceField] !== undefined) {
        // The fragment gave this service's value: it wins, as its other fields do.
        builder.warnings.general(
          fragment?.file ?? '',
          `services.${service}.${serviceField}: the --graph fragment's value replaces the annotations' ${String(value)}`,
        );
        continue;
      }
      out[serviceField] = value;
      comments.from(
        ['services', service, serviceField],
        from,
        true,
        `proxy ${what.startsWith('cpu') ? 'CPU' : 'memory'} (pod annotation or injected container) of`,
      );
    }
  }
  const proxyLimit = meshProfile.field === '' ? undefined : meshProfile;
  const agents = nodeAgentFields(builder.model, mesh?.shape, false, builder.warnings);
  if (mesh === undefined) {
    if (mtls !== undefined)
      builder.warnings.at(
        mtls.doc,
        ['spec', 'mtls', 'mode'],
        'no Istio mesh is found in the inputs; mTLS is not imported',
      );
    return undefined;
  }
  if (mesh.shape === 'istio-ambient') {
    for (const service of builder.model.services) {
      const namespace = builder.model.namespaces.find((ns) => ns.name === service.namespace);
      // The labels bind the service to a named waypoint Gateway, in its namespace unless
      // istio.io/use-waypoint-namespace says otherwise; services bound to the same one share it.
      const labels =
        service.serviceLabels['istio.io/use-waypoint'] !== undefined
          ? service.serviceLabels
          : namespace?.labels;
      const label = labels?.['istio.io/use-waypoint'];
      const out = services[service.name];
      if (label === undefined || label === 'none' || out === undefined || out['waypoint'] !== undefined)
        continue;
      const gatewayNamespace = labels?.['istio.io/use-waypoint-namespace'] ?? service.namespace;
      // A waypoint serves one cluster: the same Gateway name in two clusters is two deployments.
      const cluster = service.cluster === undefined ? '' : `${service.cluster.value}/`;
      out['waypoint'] = `${cluster}${gatewayNamespace}/${label}`;
      comments.add(['services', service.name, 'waypoint'], `istio.io/use-waypoint=${label}`, true);
    }
  }
  const useMtls = mtls !== undefined && (mesh.shape === 'istio-sidecar' || mesh.shape === 'istio-ambient');
  if (mtls !== undefined && !useMtls)
    builder.warnings.at(
      mtls.doc,
      ['spec', 'mtls', 'mode'],
      `the mesh is ${mesh.shape}, not Istio; this mTLS mode is not imported`,
    );
  const namespaces = mesh.from.filter((ref) => ref.kind === 'Namespace');
  const evidence = namespaces.length > 0 ? namespaces : mesh.from;
  comments.from(
    ['mesh'],
    useMtls ? [...evidence.slice(0, 2), mtls.doc.ref()] : evidence,
    false,
    useMtls ? 'injection and mTLS from' : 'injection from',
  );
  if (proxyLimit === undefined && agents.length === 0)
    return useMtls ? { shape: mesh.shape, mtls: mtls.mtls } : mesh.shape;
  if (proxyLimit !== undefined)
    comments.from(
      ['mesh', proxyLimit.field],
      proxyLimit.from,
      false,
      `${resourcesNoun(Object.keys(proxyLimit.values))} (pod annotation or injected container) of`,
    );
  for (const agent of agents) comments.from(['mesh', agent.field], [agent.from], false, 'requests from');
  return {
    shape: mesh.shape,
    ...(useMtls && { mtls: mtls.mtls }),
    ...(proxyLimit !== undefined && { [proxyLimit.field]: proxyLimit.values }),
    ...Object.fromEntries(agents.map((agent) => [agent.field, agent.values])),
  };
}

/** Builds the scenario. */
export function buildScenario(input: BuildInput): BuiltScenario {
  const { builder, fragment } = input;
  const { model, warnings } = builder;
  const comments = new CommentSet();

  const imported: Record<string, JsonObject> = {};
  const failing = new Map<ImportedService, FailingShare>();
  for (const service of model.services)
    imported[service.name] = importService(service, input, comments, failing);
  const policies = new Map<ImportedService, CallPolicyParts>();
  const notes = new Map<ImportedService, string>();
  for (const service of model.services) {
    const { policy, note } = withFailingShare(service, failing.get(service), builder);
    policies.set(service, policy);
    if (note !== undefined) notes.set(service, note);
  }
  mergeServices(imported, input, comments);
  const services = fragmentOrder(imported, fragment);

  const hasGraph = model.hasGraph || fragmentHasGraph(fragment);
  const placeholders = Object.entries(services)
    .filter(([, s]) => s['serviceTime'] === undefined)
    .map(([name]) => name);
  for (const name of placeholders) {
    const service = services[name];
    if (service === undefined) continue;
    service['serviceTime'] = PLACEHOLDER_SERVICE_TIME;
    comments.add(['services', name, 'serviceTime'], 'placeholder: no service time in the inputs', true);
  }
  if (placeholders.length > 0) {
    builder.assume(
      `Service times of ${placeholders.join(', ')} are placeholders (${PLACEHOLDER_SERVICE_TIME}): the inputs do not give them.`,
    );
    if (hasGraph)
      warnings.general(
        '',
        `no service time for ${placeholders.join(', ')} (not in the graph); ${PLACEHOLDER_SERVICE_TIME} is a placeholder`,
      );
  }
  if (!hasGraph) {
    warnings.general(
      '',
      'no call graph and no traffic in the inputs (give an isotope graph or a --graph fragment): the scenario has the services and their policies, placeholder service times, a placeholder traffic source and no calls, so call policies (timeouts, retries, fault injection, mirroring) have no call to apply to',
    );
    for (const [service, policy] of policies) {
      const fields = Object.entries(policy)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k);
      if (fields.length > 0) {
        comments.add(
          ['services', service.name],
          `calls to ${service.name} get ${fields.join(', ')} from ${shortRefs(Object.values(policy).flatMap((v) => v?.from ?? []))} once the graph has them`,
        );
      }
    }
  }

  const reached = applyCallPolicies(services, policies, notes, comments, warnings, input.fragment);
  if (hasGraph) {
    for (const [service, policy] of policies) {
      const set = Object.entries(policy).filter(([, v]) => v !== undefined);
      if (set.length === 0 || reached.has(service)) continue;
      warnings.general(
        '',
        `calls to "${service.name}" get ${set.map(([k]) => k).join(', ')} from ${shortRefs(set.flatMap(([, v]) => v?.from ?? []))}, but no call of the graph goes to it (traffic sources are clients outside the mesh: give them their own timeout and retry)`,
      );
    }
  }
  const traffic = buildTraffic(services, input, hasGraph, comments);
  buildAllowedCallers(services, traffic, input, comments);
  const sent = new Set(traffic.map((source) => source['requestClass']));
  for (const [name, service] of Object.entries(services)) {
    const routes = Array.isArray(service['routes']) ? (service['routes'] as unknown[]) : [];
    const unsent = routes
      .map((route) =>
        isRecord(route) && isRecord(route['match']) ? route['match']['requestClass'] : undefined,
      )
      .filter((requestClass) => !sent.has(requestClass));
    if (unsent.length > 0) {
      warnings.general(
        '',
        `service "${name}" routes request classes ${unsent.map((c) => JSON.stringify(c)).join(', ')} (from header matches), which no traffic source sends; give a source that requestClass to exercise them`,
      );
    }
  }
  const mesh = buildMesh(services, input, comments);

  const clusterNames = [
    ...new Set(
      Object.values(services)
        .map((s) => s['cluster'])
        .filter((c): c is string => typeof c === 'string'),
    ),
  ];
  const clusters = buildClusters(model, services, clusterNames, fragment, warnings, comments);
  warnCpuWithoutNodeSize(services, fragment, clusters, warnings);

  const top: JsonObject = {};
  for (const key of [
    'seed',
    'duration',
    'network',
    'nodeCpu',
    'nodeMemory',
    'nodeMaxPods',
    'daemonSets',
    'cpuWeights',
    'faults',
  ]) {
    if (fragment?.value[key] !== undefined) {
      top[key] = structuredClone(fragment.value[key]);
      comments.add([key], `from ${fragment.file} (--graph)`, !isRecord(top[key]) && !Array.isArray(top[key]));
    }
  }
  // The other DaemonSets run a pod on every node: their requests and a pod slot (the fragment's list wins).
  if (model.daemonSets.length > 0) {
    if (top['daemonSets'] !== undefined) {
      warnings.general(
        fragment?.file ?? '',
        `daemonSets: the --graph fragment's list replaces the ${model.daemonSets.length} DaemonSet(s) of the inputs`,
      );
    } else {
      top['daemonSets'] = model.daemonSets.map((d) => ({
        name: d.name,
        ...(d.cpuRequestCores > 0 && { cpuRequest: formatCpu(d.cpuRequestCores) }),
        ...(d.memoryRequestMiB > 0 && { memoryRequest: formatMemory(d.memoryRequestMiB) }),
      }));
      model.daemonSets.forEach((d, i) => comments.from(['daemonSets', i], [d.from], true, 'from'));
    }
  }
  // The Nodes' OS tells the weight conversion when the Nodes make the cluster (not under a fragment's clusters).
  if (
    top['cpuWeights'] === undefined &&
    fragment?.value['clusters'] === undefined &&
    clusterNames.length <= 1
  ) {
    const kept = model.nodes.filter((node) => node.unschedulable === undefined || node.taintedPool === true);
    const cpuWeights = buildCpuWeights(kept, warnings, comments);
    if (cpuWeights !== undefined) top['cpuWeights'] = cpuWeights;
  }
  const fragmentAssumptions = Array.isArray(fragment?.value['assumptions'])
    ? (fragment.value['assumptions'] as unknown[])
    : [];
  const assumptions = [...fragmentAssumptions, ...model.assumptions];
  const description =
    typeof fragment?.value['description'] === 'string'
      ? fragment.value['description']
      : `Imported by meshsim import from ${input.inputs.join(', ')}.`;

  const scenario = ordered(
    {
      ...top,
      name:
        input.name ??
        (typeof fragment?.value['name'] === 'string' ? fragment.value['name'] : input.defaultName),
      description,
      mesh,
      clusters,
      services: Object.fromEntries(
        Object.entries(services).map(([name, s]) => [name, ordered(s, SERVICE_ORDER)]),
      ),
      traffic,
      assumptions: assumptions.length > 0 ? assumptions : undefined,
    },
    TOP_ORDER,
  );
  for (const key of Object.keys(fragment?.value ?? {})) {
    if (!(key in scenario) && key !== '$schema' && fragment !== undefined) {
      scenario[key] = structuredClone(fragment.value[key]);
    }
  }
  const header = [
    `Imported by \`meshsim import\` from ${input.inputs.join(', ')}${fragment === undefined ? '' : ` with --graph ${fragment.file}`}.`,
    'Comments say where each part came from (file#document Kind/name). Check the placeholders and',
    "the import's warnings before trusting the results; `meshsim validate` checks the file.",
  ];
  return { scenario: scenario as unknown as RawScenario, comments: comments.list(), header };
}
