// scenarioWarnings: a scenario's warnings that need no run (its model's, as `simulate` gives them), as issues of its
// file — each about one field placed at the line and column the file writes it at, the others without a position;
// bareDurationWarnings: the durations a file writes as bare numbers, at their fields.

import { simulate } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  bareDurationWarnings,
  bareNumberWarnings,
  formatScenarioIssue,
  istioAttemptsWarnings,
  listBundledScenarios,
  loadScenario,
  parseScenario,
  resolveScenario,
  scenarioWarnings,
} from '../src/index.js';
import { minimal } from './__helpers__/scenarios.js';

// Line numbers matter: `timeout: 1` is on line 8, the parallel group's first call on line 11, `cpuRequest` on 17.
const WARNED = `name: warned
nodeCpu: 4
mesh: { shape: linkerd, sidecar: { cpuLimit: 1 } }
services:
  web:
    calls:
      - to: db
        timeout: 1
      - parallel:
          - to: db
            retry: { attempts: 3 }
          - to: db
    serviceTime: 2ms
  db:
    serviceTime: 5ms
  big:
    cpuRequest: 250
    serviceTime: 5ms
traffic:
  - to: web
    rate: 10
`;

describe('scenarioWarnings', () => {
  it("gives the run's warnings, in its order, each at the field it is about", () => {
    const config = parseScenario(WARNED, 'warned.yaml');
    const warnings = scenarioWarnings(config);
    expect(warnings.map((w) => w.reason)).toEqual(simulate({ ...config, durationMs: 1000 }).warnings);
    const at = (start: string) => {
      const found = warnings.find((w) => w.reason.startsWith(start));
      return found === undefined ? undefined : [found.path, found.line, found.column];
    };
    expect(at('web → db: its timeout')).toEqual(['services.web.calls[0].timeout', 8, 9]);
    expect(at('web → db: it retries')).toEqual(['services.web.calls[1].parallel[0].retry', 11, 13]);
    expect(at('mesh shape linkerd does not use mesh.sidecar')).toEqual(['mesh.sidecar', 3, 25]);
    // `cpuRequest: 250` on nodes of 4 cores: the request no node holds, at its field.
    expect(at('service big:')).toEqual(['services.big.cpuRequest', 17, 5]);
  });

  it('prints as errors do, file:line:column: path: reason; a warning about no field has no path or position', () => {
    const warnings = scenarioWarnings(parseScenario(WARNED, 'warned.yaml'));
    expect(formatScenarioIssue(warnings[0] as (typeof warnings)[0])).toMatch(
      /^warned\.yaml:\d+:\d+: services\.\S+: /,
    );
    // Pending pods and no node big enough, with no one request to blame (950m with Istio's 100m sidecar on 1 core):
    // "cluster …: even N more nodes … would leave pods Pending (a pod larger than a node?)".
    const tight =
      'nodeCpu: 1\nmesh: istio-sidecar\nservices:\n  api: { cpuRequest: 950m, serviceTime: 5ms }\ntraffic: [ { to: api, rate: 1 } ]\n';
    const cluster = scenarioWarnings(parseScenario(tight, 'tight.yaml')).find((w) =>
      w.reason.startsWith('cluster '),
    );
    expect(cluster).toEqual({ file: 'tight.yaml', path: '', reason: cluster?.reason });
    expect(cluster?.reason).toMatch(/would leave pods Pending \(a pod larger than a node\?\)$/);
  });

  it('names the file the config was read as, or the one given; no position for a config not read from text', () => {
    const raw = minimal();
    (raw.services.frontend as { calls: unknown[] }).calls = [{ to: 'backend', timeout: 1 }];
    const [fromData] = scenarioWarnings(resolveScenario(raw));
    expect(fromData).toMatchObject({ file: 'scenario', path: 'services.frontend.calls[0].timeout' });
    expect(fromData?.line).toBeUndefined();
    expect(scenarioWarnings(resolveScenario(raw), 'mine.yaml')[0]?.file).toBe('mine.yaml');
    expect(scenarioWarnings(parseScenario(WARNED, 'warned.yaml'), 'other.yaml')[0]?.file).toBe('other.yaml');
  });

  it('places the warnings of a .json file as well', () => {
    const json =
      '{\n  "services": {\n    "web": { "serviceTime": "2ms", "calls": [{ "to": "db", "timeout": 1 }] },\n' +
      '    "db": { "serviceTime": "5ms" }\n  },\n  "traffic": [{ "to": "web", "rate": 10 }]\n}\n';
    const [warning] = scenarioWarnings(parseScenario(json, 'warned.json'));
    expect(warning).toMatchObject({ file: 'warned.json', path: 'services.web.calls[0].timeout', line: 3 });
    // 1-based: the column of the "timeout" key on its line.
    expect(warning?.column).toBe((json.split('\n')[2] ?? '').indexOf('"timeout"') + 1);
  });

  it('places a per-try timeout not shorter than the timeout where the file writes it: on the call or in its retry', () => {
    const text = [
      'services:',
      '  web:',
      '    serviceTime: 2ms',
      '    calls:',
      '      - { to: db, timeout: 1s, retry: { attempts: 3, perTryTimeout: 2s } }',
      '      - { to: db, timeout: 1s, perTryTimeout: 1s }',
      '  db: { serviceTime: 5ms }',
      'traffic:',
      '  - { to: web, rate: 10, timeout: 500ms, retry: { attempts: 2, perTryTimeout: 600ms } }',
      '',
    ].join('\n');
    const warnings = scenarioWarnings(parseScenario(text, 'pertry.yaml'))
      .filter((w) => w.reason.includes('its perTryTimeout'))
      .map((w) => [w.path, w.line, w.column]);
    expect(warnings).toEqual([
      ['services.web.calls[0].retry.perTryTimeout', 5, 54],
      ['services.web.calls[1].perTryTimeout', 6, 32],
      ['traffic[0].retry.perTryTimeout', 9, 64],
    ]);
    // From data (no text): at the model's field, on the call.
    const fromData = scenarioWarnings(resolveScenario(parse(text)));
    expect(fromData.find((w) => w.reason.startsWith('client → web'))?.path).toBe('traffic[0].perTryTimeout');
  });

  it('places a per-try timeout under half the callee’s mean where the file writes it: on the call or in its retry', () => {
    const text = [
      'services:',
      '  web:',
      '    serviceTime: 2ms',
      '    calls:',
      '      - { to: db, timeout: 1s, retry: { attempts: 3, perTryTimeout: 1ms } }',
      '      - { to: db, timeout: 1s, perTryTimeout: 2ms }',
      '  db: { serviceTime: 10ms }',
      'traffic:',
      '  - { to: web, rate: 10 }',
      '',
    ].join('\n');
    const warnings = scenarioWarnings(parseScenario(text, 'short.yaml'))
      .filter((w) => w.reason.includes('its per-try timeout'))
      .map((w) => [w.path, w.line, w.column]);
    expect(warnings).toEqual([
      ['services.web.calls[0].retry.perTryTimeout', 5, 54],
      ['services.web.calls[1].perTryTimeout', 6, 32],
    ]);
  });

  it("places Istio's reading of a written 0 threshold (unset: 2³²−1) at the field; consul's 0 is Envoy's limit", () => {
    // Line numbers matter: `maxPendingRequests: 0` is on line 10, column 44.
    const text = (shape: string) => `name: zero-pool
mesh: { shape: ${shape} }
services:
  web:
    calls:
      - to: db
    serviceTime: 2ms
  db:
    serviceTime: 5ms
    destinationPolicy: { connectionPool: { maxPendingRequests: 0 } }
traffic:
  - to: web
    rate: 10
`;
    const zero = (shape: string) =>
      scenarioWarnings(parseScenario(text(shape), 'zero.yaml')).filter((w) =>
        w.reason.includes('0 is unset'),
      );
    expect(zero('istio-sidecar').map((w) => [w.path, w.line, w.column, w.reason])).toEqual([
      [
        'services.db.destinationPolicy.connectionPool.maxPendingRequests',
        10,
        44,
        'connectionPool.maxPendingRequests of service "db": under istio-sidecar, 0 is unset: istiod leaves the threshold at 2³²−1 (unlimited); write 1 or more to limit',
      ],
    ]);
    expect(zero('consul')).toEqual([]);
  });

  it("takes maxConnections and maxRequests of 0: unset under Istio, as istiod reads them; Envoy's limit elsewhere", () => {
    const text = (shape: string) => `name: zero-pool
mesh: { shape: ${shape} }
services:
  web:
    calls:
      - to: db
    serviceTime: 2ms
  db:
    serviceTime: 5ms
    destinationPolicy: { connectionPool: { maxConnections: 0, maxRequests: 0 } }
traffic:
  - to: web
    rate: 10
`;
    const pool = (shape: string) =>
      scenarioWarnings(parseScenario(text(shape), 'zero.yaml'))
        .filter((w) => w.path.includes('connectionPool'))
        .map((w) => [w.path, w.reason]);
    expect(pool('istio-sidecar')).toEqual(
      ['maxConnections', 'maxRequests'].map((field) => [
        `services.db.destinationPolicy.connectionPool.${field}`,
        `connectionPool.${field} of service "db": under istio-sidecar, 0 is unset: istiod leaves the threshold at 2³²−1 (unlimited); write 1 or more to limit`,
      ]),
    );
    expect(pool('cilium')).toEqual([
      [
        'services.db.destinationPolicy.connectionPool.maxConnections',
        'connectionPool.maxConnections of service "db": under cilium, 0 runs as 1: Envoy opens a connection to an ' +
          'endpoint whose pool has none whatever the limit; write 1 or more',
      ],
      [
        'services.db.destinationPolicy.connectionPool.maxRequests',
        'connectionPool.maxRequests of service "db": under cilium, 0 is a limit of 0: Envoy refuses every request to ' +
          'it (503, overflow); write 1 or more to let requests through',
      ],
    ]);
  });

  it("places a crash loop whose containers crash before their readiness probe's initial delay at the fault's crashLoop", () => {
    // Line numbers matter: the faults on lines 6 to 9.
    const text = `services:
  web: { serviceTime: 1ms, readinessProbe: { initialDelay: 5s } }
  api: { serviceTime: 1ms, readinessProbe: { initialDelay: 1s } }
traffic: [ { to: web, rate: 10 } ]
faults:
  - { at: 10s, for: 30s, service: web, crashLoop: { runsFor: 5s } }
  - { at: 10s, for: 30s, service: api, crashLoop: { runsFor: 5s } }
  - { at: 10s, for: 30s, service: web, crashLoop: { runsFor: 6s } }
  - { at: 10s, for: 30s, service: web, crashLoop: true }
`;
    const warnings = scenarioWarnings(parseScenario(text, 'loop.yaml'));
    expect(warnings.map((w) => [w.path, w.line, w.reason])).toEqual([
      [
        'faults[0].crashLoop',
        6,
        "fault at 10 s: web's crash-looping containers run 5 s before each crash, not more than its readinessProbe's " +
          'initialDelay (5 s): they never become Ready (never rejoin the endpoints) while the loop lasts',
      ],
    ]);
  });

  it('finds nothing to say about a bundled scenario', () => {
    expect(scenarioWarnings(loadScenario('retry-storm'))).toEqual([]);
  });
});

// Line numbers matter: `duration` on line 1, `timeout` on 4, `serviceTime` on 5 and 7, the rate point's `at` on 11.
const BARE = `duration: 5
services:
  web:
    calls: [{ to: db, timeout: 300 }]
    serviceTime: 2
  db:
    serviceTime: { exponential: { mean: "4" } }
traffic:
  - to: web
    rate:
      - { at: 0, rps: 10 }
      - { at: 2.5, rps: 20 }
`;

describe('bareDurationWarnings', () => {
  const reason = (n: string): string =>
    `${n} is ${n} ms (a bare number is milliseconds); write ${n}s for seconds, or ${n}ms to keep milliseconds without this warning`;

  it('places each duration a file writes as a bare number (a number or a number in quotes) at its field, 0 aside', () => {
    const warnings = bareDurationWarnings(parseScenario(BARE, 'bare.yaml'));
    expect(warnings).toEqual([
      { file: 'bare.yaml', path: 'duration', reason: reason('5'), line: 1, column: 1 },
      {
        file: 'bare.yaml',
        path: 'services.web.calls[0].timeout',
        reason: reason('300'),
        line: 4,
        column: 23,
      },
      { file: 'bare.yaml', path: 'services.web.serviceTime', reason: reason('2'), line: 5, column: 5 },
      {
        file: 'bare.yaml',
        path: 'services.db.serviceTime.exponential.mean',
        reason: reason('4'),
        line: 7,
        column: 35,
      },
      { file: 'bare.yaml', path: 'traffic[0].rate[1].at', reason: reason('2.5'), line: 12, column: 11 },
    ]);
    expect(formatScenarioIssue(warnings[0] as (typeof warnings)[0])).toBe(
      `bare.yaml:1:1: duration: ${reason('5')}`,
    );
  });

  it('says nothing of a value with a unit, of numbers that are not durations, nor of a bundled scenario', () => {
    const united = BARE.replace('duration: 5', 'duration: 5s')
      .replace('timeout: 300', 'timeout: 300ms')
      .replace('serviceTime: 2\n', 'serviceTime: 2ms\n')
      .replace('mean: "4"', 'mean: 4ms')
      .replace('at: 2.5', 'at: 2.5ms');
    // `rps`, `rate`, `replicas`, `attempts` are numbers of their own units.
    expect(bareDurationWarnings(parseScenario(united, 'united.yaml'))).toEqual([]);
    for (const { name } of listBundledScenarios())
      expect(bareDurationWarnings(loadScenario(name)), name).toEqual([]);
  });

  it('of a config resolved from edited data with its text, warns only of what the text writes', () => {
    const raw = parse(BARE) as Record<string, unknown>;
    raw['duration'] = '5s'; // as --set duration=5s: the file's 5 is not run
    (raw['traffic'] as { rate: { at: unknown }[] }[])[0]!.rate[1]!.at = 7; // as --set traffic.0.rate.1.at=7
    const paths = bareDurationWarnings(resolveScenario(raw, 'bare.yaml', BARE)).map((w) => [w.path, w.line]);
    expect(paths).toEqual([
      ['services.web.calls[0].timeout', 4],
      ['services.web.serviceTime', 5],
      ['services.db.serviceTime.exponential.mean', 7],
    ]);
    // Without the text (a scenario built in code): no file to warn of.
    expect(bareDurationWarnings(resolveScenario(raw, 'bare.yaml'))).toEqual([]);
  });

  it('warns of a .json file too', () => {
    const json =
      '{\n  "duration": 5,\n  "services": { "a": { "serviceTime": "1ms" } },\n  "traffic": [{ "to": "a", "rate": 1 }]\n}\n';
    expect(bareDurationWarnings(parseScenario(json, 'bare.json'))).toEqual([
      { file: 'bare.json', path: 'duration', reason: reason('5'), line: 2, column: 3 },
    ]);
  });
});

describe('bareNumberWarnings', () => {
  // The reviewer's m5.yaml: `cpuLimit: 500` meant as 500m, on nodes of 8 cores.
  const M5 = `name: m5
nodeCpu: 8
mesh: { shape: linkerd, linkerdProxy: { cpuLimit: 2000 } }
services:
  api:
    replicas: 2
    cpuLimit: 500
    proxyCpuRequest: "100"
    serviceTime: 5ms
    calls:
      - { to: db, timeout: 1000 }
  db:
    cpuRequest: 8
    cpuLimit: "16"
    serviceTime: 5ms
traffic:
  - to: api
    rate: 1500 rps
`;
  const cores = (n: number, context: string): string =>
    `${n} is ${n} cores (a bare CPU quantity is cores, as Kubernetes reads it)${context}; write ${n}m for millicores (${n / 1000} cores)`;

  it('places each CPU quantity written as a bare number above the largest node (and at least 16) at its field, with the durations, in file order', () => {
    const warnings = bareNumberWarnings(parseScenario(M5, 'm5.yaml'));
    const larger = ', more than the largest node has (8 cores, nodeCpu)';
    expect(warnings).toEqual([
      {
        file: 'm5.yaml',
        path: 'mesh.linkerdProxy.cpuLimit',
        reason: cores(2000, larger),
        line: 3,
        column: 41,
      },
      { file: 'm5.yaml', path: 'services.api.cpuLimit', reason: cores(500, larger), line: 7, column: 5 },
      {
        file: 'm5.yaml',
        path: 'services.api.proxyCpuRequest',
        reason: cores(100, larger),
        line: 8,
        column: 5,
      },
      {
        file: 'm5.yaml',
        path: 'services.api.calls[0].timeout',
        reason:
          '1000 is 1000 ms (a bare number is milliseconds); write 1000s for seconds, or 1000ms to keep milliseconds without this warning',
        line: 11,
        column: 19,
      },
      { file: 'm5.yaml', path: 'services.db.cpuLimit', reason: cores(16, larger), line: 14, column: 5 },
    ]);
    expect(formatScenarioIssue(warnings[1] as (typeof warnings)[1])).toBe(
      `m5.yaml:7:5: services.api.cpuLimit: ${cores(500, larger)}`,
    );
    // bareDurationWarnings keeps to the durations.
    expect(bareDurationWarnings(parseScenario(M5, 'm5.yaml')).map((w) => w.path)).toEqual([
      'services.api.calls[0].timeout',
    ]);
  });

  it('without a node size, warns from 16 cores; a node size itself from 1000 cores (more than any machine has)', () => {
    const text = `clusters:
  - { name: a, nodeCpu: 8000, zones: [ { name: z, nodes: 1 } ] }
  - { name: b, nodeCpu: 64, zones: [ { name: z, nodes: 1 } ] }
services:
  api: { cluster: b, cpuRequest: 250, cpuLimit: 500, serviceTime: 5ms }
traffic: [ { to: api, rate: 10 } ]
`;
    // The largest node size is 8000 (cores, as written): only the node size itself is implausible.
    expect(bareNumberWarnings(parseScenario(text, 'n.yaml')).map((w) => [w.path, w.reason])).toEqual([
      ['clusters[0].nodeCpu', cores(8000, ', more than any machine has')],
    ]);
    const unsized = `services:
  api: { cpuRequest: 15, cpuLimit: 16, serviceTime: 5ms }
traffic: [ { to: api, rate: 10 } ]
`;
    expect(bareNumberWarnings(parseScenario(unsized, 'u.yaml')).map((w) => [w.path, w.reason])).toEqual([
      ['services.api.cpuLimit', cores(16, '')],
    ]);
    // Millicores, a plausible number of cores, and the bundled scenarios: nothing.
    const fine = `nodeCpu: 64
services:
  api: { cpuRequest: 500m, cpuLimit: 64, proxyCpuLimit: unlimited, serviceTime: 5ms }
traffic: [ { to: api, rate: 10 } ]
`;
    expect(bareNumberWarnings(parseScenario(fine, 'f.yaml'))).toEqual([]);
    for (const { name } of listBundledScenarios())
      expect(bareNumberWarnings(loadScenario(name)), name).toEqual([]);
  });
});

describe('bareNumberWarnings: memory sizes', () => {
  it('places each memory size written as a bare number (MiB, or KiB in a profile, where Kubernetes reads bytes) at its field', () => {
    const text = `nodeMemory: 16
mesh: { shape: istio-sidecar, sidecar: { memoryPerEndpoint: 3, memoryBase: 64Mi } }
services:
  api: { serviceTime: 1ms, memoryRequest: 512, proxyMemoryRequest: 0, requestBytes: 512 }
traffic: [{ to: api, rate: 10 }]
`;
    const reason = (n: number, unit: 'MiB' | 'KiB', larger: string, suffix: string, next: string): string =>
      `${n} is ${n} ${unit} (a bare memory size is ${unit} here, where Kubernetes reads bytes); write ${n}${next} ` +
      `for ${larger}, or ${n}${suffix} to keep ${unit} without this warning`;
    expect(
      bareNumberWarnings(parseScenario(text, 'mem.yaml')).map((w) => [w.path, w.reason, w.line]),
    ).toEqual([
      ['nodeMemory', reason(16, 'MiB', 'GiB', 'Mi', 'Gi'), 1],
      ['mesh.sidecar.memoryPerEndpoint', reason(3, 'KiB', 'MiB', 'Ki', 'Mi'), 2],
      ['services.api.memoryRequest', reason(512, 'MiB', 'GiB', 'Mi', 'Gi'), 4],
    ]);
  });
});

describe('istioAttemptsWarnings', () => {
  // An SRE copying Istio's VirtualService retries.attempts: 2 (2 retries) into retry.attempts (2 tries in all).
  const COPIED = (mesh: string) => `mesh: ${mesh}
services:
  frontend:
    serviceTime: 1ms
    calls:
      - { to: payments, retry: { attempts: 2, retryOn: [5xx] } }
      - { to: ledger, retry: { attempts: 3 } }
  payments: { serviceTime: 1ms }
  ledger: { serviceTime: 1ms }
traffic: [ { to: frontend, rate: 10, retry: { attempts: 1 } } ]
`;

  it('under an Istio shape, says once (at the first retry.attempts written) that attempts counts tries, with the equivalents', () => {
    for (const mesh of [
      'istio-sidecar',
      'istio-ambient',
      '{ shape: layered, layered: { inCluster: istio-sidecar, crossCluster: none } }',
    ]) {
      expect(istioAttemptsWarnings(parseScenario(COPIED(mesh), 'copied.yaml')), mesh).toEqual([
        {
          file: 'copied.yaml',
          path: 'services.frontend.calls[0].retry.attempts',
          reason:
            "attempts: 2 is 2 tries in all, the first and 1 retry (Istio's attempts: 1): meshsim's attempts counts the first try, Istio's VirtualService retries.attempts counts retries only; for Istio's attempts: 2 write attempts: 3 (said once, at the file's first retry)",
          line: 6,
          column: 34,
        },
      ]);
    }
  });

  it("passes over the retries `meshsim import` wrote (already in meshsim's counting), and warns at the first other", () => {
    const imported = `# Imported by \`meshsim import\` from istio.yaml with --graph graph.yaml.
# Comments say where each part came from (file#document Kind/name).

mesh: istio-sidecar
services:
  frontend:
    serviceTime: 1ms
    calls:
      # timeout, retry from istio.yaml#1 VirtualService/payments
      - to: payments
        retry: { attempts: 4, retryOn: [ 5xx ] }
      - parallel:
          # retry from istio.yaml#2 VirtualService/ledger
          - { to: ledger, retry: { attempts: 3 } }
          - { to: audit, retry: { attempts: 2 } }
  payments: { serviceTime: 1ms }
  ledger: { serviceTime: 1ms }
  audit: { serviceTime: 1ms }
traffic: [ { to: frontend, rate: 10 } ]
`;
    expect(istioAttemptsWarnings(parseScenario(imported, 'imported.yaml'))).toMatchObject([
      { path: 'services.frontend.calls[1].parallel[1].retry.attempts', line: 15 },
    ]);
    const importedOnly = imported.replace('{ to: audit, retry: { attempts: 2 } }', '{ to: audit }');
    expect(istioAttemptsWarnings(parseScenario(importedOnly, 'imported.yaml'))).toEqual([]);
    // The same comments in a file meshsim import did not write are the user's: the retry is warned.
    const handWritten = imported.split('\n').slice(3).join('\n');
    expect(istioAttemptsWarnings(parseScenario(handWritten, 'mine.yaml'))).toMatchObject([
      { path: 'services.frontend.calls[0].retry.attempts' },
    ]);
  });

  it('says nothing under other shapes, for a file without retries, a config built in code or a bundled scenario', () => {
    expect(istioAttemptsWarnings(parseScenario(COPIED('linkerd'), 'copied.yaml'))).toEqual([]);
    expect(istioAttemptsWarnings(parseScenario(COPIED('none'), 'copied.yaml'))).toEqual([]);
    const noRetry = `mesh: istio-sidecar
services: { api: { serviceTime: 1ms } }
traffic: [ { to: api, rate: 10 } ]
`;
    expect(istioAttemptsWarnings(parseScenario(noRetry, 'n.yaml'))).toEqual([]);
    // retry-storm runs under istio-sidecar with retry.attempts, written in meshsim's counting.
    expect(loadScenario('retry-storm').mesh.shape).toBe('istio-sidecar');
    for (const { name } of listBundledScenarios())
      expect(istioAttemptsWarnings(loadScenario(name)), name).toEqual([]);
    expect(
      istioAttemptsWarnings({
        ...resolveScenario(minimal()),
        mesh: parseScenario(COPIED('istio-sidecar')).mesh,
      }),
    ).toEqual([]);
  });
});
