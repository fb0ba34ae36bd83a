// isotope MockServiceGraph (istio/tools isotope/README.md, convert/pkg/graph) → services: numReplicas,
// isEntrypoint, errorRate, responseSize and call sizes (→ the callee's requestBytes), sleeps (→ a constant
// serviceTime), call steps (→ calls; a nested list → a parallel group).

import type { SourceRef } from '../../ImportModel.js';
import type { ScenarioCall, ScenarioCallItem } from '../../ScenarioParts.js';
import type { ModelBuilder } from '../model/ModelBuilder.js';
import { describeLocation } from '../model/describeRefs.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { formatDurationMs } from '../units/formatDurationMs.js';
import { parseByteSize } from '../units/parseByteSize.js';
import { fitDuration, fitReplicas } from '../source/fitToRule.js';
import { parseGoDurationMs } from '../units/parseGoDurationMs.js';
import { isRecord } from '../isRecord.js';
import { parseIsotopePercentage } from './parseIsotopePercentage.js';

/** The defaults block: the values a service or a call takes when it omits them. */
interface IsotopeDefaults {
  path: FieldPath | undefined;
  type?: unknown;
  errorRate?: unknown;
  requestSize?: unknown;
  responseSize?: unknown;
  numReplicas?: unknown;
  script?: unknown;
}

/** One call of a script, before its callee is known to exist. */
interface PendingCall {
  call: ScenarioCall;
  callee: string;
  sizeBytes: number | undefined;
  path: FieldPath;
}

const DEFAULT_KEYS = ['type', 'errorRate', 'requestSize', 'responseSize', 'numReplicas', 'script'] as const;

function readDefaults(doc: SourceDocument, builder: ModelBuilder): IsotopeDefaults {
  let key: 'defaults' | 'default' | undefined;
  if (isRecord(doc.peek(['defaults']))) key = 'defaults';
  else if (isRecord(doc.peek(['default']))) {
    key = 'default';
    builder.warnings.at(
      doc,
      ['default'],
      "isotope's loader reads `defaults` (convert/pkg/graph/unmarshal.go) although its README writes `default`; this block is read as `defaults`",
    );
  }
  if (key === undefined) return { path: undefined };
  const out: IsotopeDefaults = { path: [key] };
  for (const field of DEFAULT_KEYS) {
    const value = doc.get([key, field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** Reads a sleep step's duration, warning when it is not a Go duration. */
function sleepMs(doc: SourceDocument, builder: ModelBuilder, path: FieldPath, value: unknown): number {
  const ms = parseGoDurationMs(value);
  if (ms === undefined) {
    builder.warnings.at(
      doc,
      path,
      `not a duration (${JSON.stringify(value)}; isotope takes Go durations such as 10ms or 1.5s); the sleep is ignored`,
    );
    return 0;
  }
  return fitDuration(doc, builder, path, ms, String(value));
}

/** Reads a `call` command (a service name, or `{ service, size, probability, hostname }`). */
function readCall(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  value: unknown,
  defaults: IsotopeDefaults,
): PendingCall | undefined {
  const defaultSize = defaults.requestSize === undefined ? undefined : parseByteSize(defaults.requestSize);
  if (typeof value === 'string') {
    doc.use(path);
    return { call: { to: value }, callee: value, sizeBytes: defaultSize, path };
  }
  if (!isRecord(value) || typeof value['service'] !== 'string') {
    doc.use(path);
    builder.warnings.at(
      doc,
      path,
      'a call needs a service name (`call: name` or `call: { service: name }`); the step is ignored',
    );
    return undefined;
  }
  const callee = value['service'];
  doc.use([...path, 'service']);
  doc.use([...path, 'hostname']); // how the call addresses the service; meshsim calls the service itself
  const call: ScenarioCall = { to: callee };
  let sizeBytes = defaultSize;
  const size = doc.get([...path, 'size']);
  if (size !== undefined) {
    const bytes = parseByteSize(size);
    if (bytes === undefined)
      builder.warnings.at(doc, [...path, 'size'], `not a byte size (${JSON.stringify(size)}); ignored`);
    else sizeBytes = bytes;
  }
  const probability = doc.get([...path, 'probability']);
  if (probability !== undefined && probability !== 0) {
    if (
      typeof probability === 'number' &&
      Number.isInteger(probability) &&
      probability > 0 &&
      probability <= 100
    ) {
      call.probability = probability / 100;
    } else {
      builder.warnings.at(
        doc,
        [...path, 'probability'],
        `must be an integer percentage 1–100 (got ${JSON.stringify(probability)}); the call is always made`,
      );
    }
  }
  return { call, callee, sizeBytes, path };
}

/** Reads a script into stages (calls and parallel groups) and the total sleep time. */
function readScript(
  doc: SourceDocument,
  builder: ModelBuilder,
  path: FieldPath,
  script: unknown,
  defaults: IsotopeDefaults,
): { stages: PendingCall[][]; sleepTotalMs: number } {
  const stages: PendingCall[][] = [];
  let sleepTotalMs = 0;
  if (!Array.isArray(script)) {
    builder.warnings.at(doc, path, 'a script must be a list of steps; ignored');
    doc.use(path);
    return { stages, sleepTotalMs };
  }
  let warnedLateSleep = false;
  script.forEach((step, j) => {
    const stepPath: FieldPath = [...path, j];
    if (Array.isArray(step)) {
      const group: PendingCall[] = [];
      step.forEach((command, k) => {
        const commandPath: FieldPath = [...stepPath, k];
        if (isRecord(command) && 'sleep' in command && Object.keys(command).length === 1) {
          doc.use(commandPath);
          sleepTotalMs += sleepMs(doc, builder, [...commandPath, 'sleep'], command['sleep']);
          builder.warnings.at(
            doc,
            commandPath,
            'a sleep inside a concurrent step runs alongside its calls; meshsim has no such step, so it is added to the service time (before the calls)',
          );
        } else if (isRecord(command) && 'call' in command && Object.keys(command).length === 1) {
          doc.use([...commandPath, 'call']);
          const call = readCall(doc, builder, [...commandPath, 'call'], command['call'], defaults);
          if (call !== undefined) group.push(call);
        } else {
          doc.use(commandPath);
          builder.warnings.at(
            doc,
            commandPath,
            'not a `sleep` or `call` command (isotope allows one level of concurrency); ignored',
          );
        }
      });
      if (group.length > 0) stages.push(group);
      return;
    }
    if (isRecord(step) && 'sleep' in step && Object.keys(step).length === 1) {
      doc.use(stepPath);
      sleepTotalMs += sleepMs(doc, builder, [...stepPath, 'sleep'], step['sleep']);
      if (stages.length > 0 && !warnedLateSleep) {
        warnedLateSleep = true;
        builder.warnings.at(
          doc,
          stepPath,
          "a sleep after a call: meshsim runs a service's own time before its calls, so the sleep is moved before them (the total is kept)",
        );
      }
      return;
    }
    if (isRecord(step) && 'call' in step && Object.keys(step).length === 1) {
      doc.use([...stepPath, 'call']);
      const call = readCall(doc, builder, [...stepPath, 'call'], step['call'], defaults);
      if (call !== undefined) stages.push([call]);
      return;
    }
    doc.use(stepPath);
    builder.warnings.at(doc, stepPath, 'not a `sleep` or `call` step (or a list of them); ignored');
  });
  return { stages, sleepTotalMs };
}

/** Records every service of an isotope graph, with its calls. */
export function importMockServiceGraph(doc: SourceDocument, builder: ModelBuilder): void {
  doc.use(['apiVersion']);
  doc.use(['kind']);
  doc.use(['metadata', 'name']);
  builder.model.hasGraph = true;
  const defaults = readDefaults(doc, builder);
  if (defaults.type !== undefined && defaults.type !== 'http' && defaults.path !== undefined) {
    builder.warnings.at(
      doc,
      [...defaults.path, 'type'],
      `protocol ${JSON.stringify(defaults.type)} is not modelled (meshsim's calls are protocol-agnostic)`,
    );
  }

  const services = doc.peek(['services']);
  if (!Array.isArray(services)) {
    doc.use(['services']);
    builder.warnings.at(
      doc,
      ['services'],
      'an isotope graph needs a list of services; nothing imported from it',
    );
    return;
  }

  const pending: { caller: string; ref: SourceRef; stages: PendingCall[][] }[] = [];
  services.forEach((entry, i) => {
    const path: FieldPath = ['services', i];
    if (!isRecord(entry) || typeof entry['name'] !== 'string' || entry['name'] === '') {
      doc.use(path);
      builder.warnings.at(doc, path, 'an isotope service needs a name (isotope rejects it too); ignored');
      return;
    }
    const name = entry['name'];
    doc.use([...path, 'name']);
    const namespace =
      typeof entry['namespace'] === 'string' && entry['namespace'] !== '' ? entry['namespace'] : 'default';
    doc.use([...path, 'namespace']);
    const ref: SourceRef = doc.ref(name);
    const service = builder.service(name, namespace, ref, doc, [...path, 'name']);
    if (service.calls !== undefined) {
      builder.warnings.at(
        doc,
        path,
        `service "${name}" is already defined by ${service.calls.from.map(describeLocation).join(', ')}; this definition is ignored`,
      );
      doc.use(path);
      return;
    }

    const cluster = doc.get([...path, 'cluster']);
    if (typeof cluster === 'string' && cluster !== '') {
      service.cluster = builder.setOnce(service.cluster, cluster, doc, [...path, 'cluster'], 'cluster', ref);
    }

    const type = doc.get([...path, 'type']) ?? defaults.type;
    if (typeof type === 'string') service.protocol = type;
    if (entry['type'] !== undefined && entry['type'] !== 'http') {
      builder.warnings.at(
        doc,
        [...path, 'type'],
        `protocol ${JSON.stringify(entry['type'])} is not modelled (meshsim's calls are protocol-agnostic)`,
      );
    }

    const replicas = doc.get([...path, 'numReplicas']) ?? defaults.numReplicas;
    if (replicas !== undefined) {
      if (typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 1) {
        service.replicas = builder.setOnce(
          service.replicas,
          fitReplicas(doc, builder, [...path, 'numReplicas'], replicas),
          doc,
          [...path, 'numReplicas'],
          'replicas',
          ref,
        );
      } else {
        builder.warnings.at(
          doc,
          [...path, 'numReplicas'],
          `must be an integer >= 1 (got ${JSON.stringify(replicas)}); 1 is used`,
        );
      }
    }

    if (doc.get([...path, 'isEntrypoint']) === true) service.entry = { value: true, from: [ref] };

    const errorRate = doc.get([...path, 'errorRate']) ?? defaults.errorRate;
    if (errorRate !== undefined) {
      const rate = parseIsotopePercentage(errorRate);
      if (rate === undefined) {
        builder.warnings.at(
          doc,
          [...path, 'errorRate'],
          `not a percentage (a number in [0, 1] or "X%"; got ${JSON.stringify(errorRate)}); ignored`,
        );
      } else if (rate > 0) {
        service.errorRate = builder.setOnce(
          service.errorRate,
          rate,
          doc,
          [...path, 'errorRate'],
          'errorRate',
          ref,
        );
      }
    }

    const responseSize = doc.get([...path, 'responseSize']) ?? defaults.responseSize;
    if (responseSize !== undefined) {
      const bytes = parseByteSize(responseSize);
      if (bytes === undefined) {
        builder.warnings.at(
          doc,
          [...path, 'responseSize'],
          `not a byte size (${JSON.stringify(responseSize)}); ignored`,
        );
      } else if (bytes > 0) {
        service.responseBytes = builder.setOnce(
          service.responseBytes,
          bytes,
          doc,
          [...path, 'responseSize'],
          'responseBytes',
          ref,
        );
      }
    }

    const ownScript = entry['script'] !== undefined;
    const script = ownScript ? entry['script'] : defaults.script;
    const scriptPath: FieldPath =
      ownScript || defaults.path === undefined ? [...path, 'script'] : [...defaults.path, 'script'];
    if (ownScript) doc.use([...path, 'script']);
    const { stages, sleepTotalMs } =
      script === undefined
        ? { stages: [], sleepTotalMs: 0 }
        : readScript(doc, builder, scriptPath, script, defaults);
    // The sleeps add up to the service time, which a scenario holds up to a year as every duration.
    const serviceTimeMs = fitDuration(
      doc,
      builder,
      scriptPath,
      sleepTotalMs,
      `the sleeps' total ${formatDurationMs(sleepTotalMs)}`,
    );
    service.serviceTime = { value: formatDurationMs(serviceTimeMs), from: [ref] };
    pending.push({ caller: service.name, ref, stages });
    service.calls = { value: [], from: [ref] };
  });

  // Calls, now that every service of the graph is known (a call may name a later service).
  for (const { caller, ref, stages } of pending) {
    const service = builder.serviceNamed(caller);
    if (service === undefined) continue;
    const items: ScenarioCallItem[] = [];
    for (const stage of stages) {
      const calls: ScenarioCall[] = [];
      for (const pendingCall of stage) {
        const callee =
          builder.findService(pendingCall.callee, service.namespace) ??
          builder.model.services.find((s) => s.sourceName === pendingCall.callee);
        if (callee === undefined) {
          builder.warnings.at(
            doc,
            pendingCall.path,
            `calls "${pendingCall.callee}", which is not a service of the graph (isotope rejects this too); the call is dropped`,
          );
          continue;
        }
        calls.push({ ...pendingCall.call, to: callee.name });
        if (pendingCall.sizeBytes !== undefined && pendingCall.sizeBytes > 0) {
          callee.requestBytes = builder.setOnce(
            callee.requestBytes,
            pendingCall.sizeBytes,
            doc,
            pendingCall.path,
            `requestBytes of "${callee.name}"`,
            ref,
          );
        }
      }
      const [only] = calls;
      if (calls.length === 1 && only !== undefined) items.push(only);
      else if (calls.length > 1) items.push({ parallel: calls });
    }
    service.calls = { value: items, from: [ref] };
  }
}
