// Hostile and mistaken input (issue #12): names that are Object.prototype properties, `__proto__` keys,
// numbers with hundreds of digits, values past the documented bounds, padded quantity strings, deep
// nesting, alias bombs and oversized files are refused quickly, each naming the file, field and reason.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SCENARIO_LIMITS, simulate } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

import { loadScenarioFile, parseScenario, resolveScenario } from '../src/index.js';
import { messagesOf, minimal, parseError } from './__helpers__/scenarios.js';

/** A valid YAML scenario with `extra` lines appended at the top level. */
function yaml(extra = '', api = '{ serviceTime: 5ms }', traffic = '{ rate: 10, to: api }'): string {
  return `duration: 1s\nservices:\n  api: ${api}\ntraffic:\n  - ${traffic}\n${extra}`;
}

/** `fn()` and the wall time it took [ms]. */
function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

const NINES = '9'.repeat(400);

describe('names that are properties of Object.prototype', () => {
  it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'a call, traffic source target or fault naming %j is an unknown service, not a crash at run time',
    (name) => {
      const input = minimal();
      input.services['frontend'] = { serviceTime: '1ms', calls: [{ to: name }] };
      input.traffic.push({ to: name, rate: 1 });
      input['faults'] = [{ at: '1s', service: name, crash: true }];
      const messages = messagesOf(input);
      const unknown = `unknown service ${JSON.stringify(name)}`;
      expect(messages).toContain(
        `test.yaml: services.frontend.calls[0].to: ${unknown}; known services: frontend, backend`,
      );
      expect(messages).toContain(`test.yaml: traffic[1].to: ${unknown}; known services: frontend, backend`);
      expect(messages).toContain(
        `test.yaml: faults[0].service: ${unknown}; known services: frontend, backend`,
      );
    },
  );

  it('a `__proto__:` key under services is refused with a clear message instead of silently dropped', () => {
    const error = parseError(yaml('', '{ serviceTime: 5ms }\n  __proto__: { serviceTime: 5ms }'));
    expect(error.message).toBe(
      `test.yaml:4:3: services.__proto__: "__proto__" is not allowed as a key (in JavaScript it would replace the object's prototype)`,
    );
    expect(error.issues[0]).toMatchObject({ line: 4, column: 3 });
  });

  it('`constructor` is an ordinary service name, and `__proto__`, `toString` ordinary traffic-source names', () => {
    const config = parseScenario(
      'duration: 2s\nservices:\n  constructor: { serviceTime: 1ms }\ntraffic:\n' +
        '  - { name: __proto__, rate: 50, to: constructor }\n  - { name: toString, rate: 50, to: constructor }\n',
    );
    const result = simulate(config);
    expect(result.edges.map((e) => `${e.source}->${e.destination}`)).toEqual([
      '__proto__->constructor',
      'toString->constructor',
    ]);
    expect(result.edges.every((e) => e.calls > 50)).toBe(true);
  });
});

describe('numbers', () => {
  it('a duration, timeout, backoff max, rate or rps written with hundreds of digits is refused, not Infinity', () => {
    const { issues } = parseError(
      yaml(
        '',
        `{ serviceTime: 5ms, inbound: { rateLimit: { rps: "${NINES}/s" } }, calls: [] }`,
        `{ rate: "${NINES}/s", to: api, timeout: ${NINES}ms, retry: { attempts: 2, backoff: { max: ${NINES}ms } } }`,
      ).replace('duration: 1s', `duration: ${NINES}ms`),
    );
    const tooLong = `is too long: at most ${SCENARIO_LIMITS.quantityLength} characters`;
    for (const path of [
      'duration',
      'services.api.inbound.rateLimit.rps',
      'traffic[0].rate',
      'traffic[0].timeout',
      'traffic[0].retry.backoff.max',
    ]) {
      expect(issues.find((issue) => issue.path === path)?.reason).toContain(tooLong);
    }
  });

  it('a bare number with hundreds of digits (Infinity to YAML) and .nan are refused at their field', () => {
    const messages = parseError(
      yaml(`seed: .nan\n`, `{ serviceTime: 5ms, concurrency: ${NINES} }`, `{ rate: ${NINES}, to: api }`),
    ).message.split('\n');
    expect(messages).toEqual([
      'test.yaml:3:28: services.api.concurrency: must be a finite number (got Infinity: a number with too many digits?)',
      'test.yaml:5:7: traffic[0].rate: must be a finite number (got Infinity: a number with too many digits?)',
      'test.yaml:6:1: seed: must be a number (got NaN)',
    ]);
  });

  it('Infinity from code is not "a number with too many digits": the field is told its word for no limit', () => {
    expect(
      messagesOf({
        services: { api: { serviceTime: '5ms', queue: Infinity, replicas: -Infinity } },
        traffic: [{ to: 'api', rate: Infinity }],
      }),
    ).toEqual([
      'test.yaml: services.api.queue: must be a finite number (got Infinity); for no limit, write "unbounded"',
      'test.yaml: services.api.replicas: must be a finite number (got -Infinity); this field has no word for no limit: give it a finite value, or leave the field out for its default',
      // rate may be left out (a closed-loop source gives users instead).
      'test.yaml: traffic[0].rate: must be a finite number (got Infinity); this field has no word for no limit: give it a finite value, or leave the field out for its default',
    ]);
  });

  describe('YAML .inf is called infinite, with what that field takes instead, not a number with too many digits', () => {
    const infinite = (written: string, instead: string): string =>
      `is infinite (got ${written}): numbers must be finite, at most ${SCENARIO_LIMITS.largestNumber} in magnitude; ${instead}`;
    const noWord = 'this field has no word for no limit: give it a finite value';
    const optional = `${noWord}, or leave the field out for its default`;
    const reasons = (text: string): string[][] =>
      parseError(text).issues.map((issue) => [issue.path, issue.reason]);

    it('a field that takes a word for no limit is told that word, and only that one', () => {
      expect(
        reasons(
          yaml(
            'faults: [{ at: 0s, service: api, crash: true, instances: .inf }]\n' +
              'mesh: { shape: istio-sidecar, sidecar: { workers: .inf } }\n',
            '{ serviceTime: 5ms, queue: -.Inf, destinationPolicy: { connectionPool: { maxRequests: .inf } } }',
          ),
        ),
      ).toEqual([
        ['services.api.queue', infinite('-.Inf', 'for no limit, write "unbounded"')],
        [
          'services.api.destinationPolicy.connectionPool.maxRequests',
          infinite('.inf', 'for no limit, write "unlimited"'),
        ],
        ['faults[0].instances', infinite('.inf', 'for no limit, write "all"')],
        ['mesh.sidecar.workers', infinite('.inf', 'for no limit, write "unlimited"')],
      ]);
    });

    it('a field that takes none is told so, and to leave it out only when it may be left out', () => {
      expect(
        reasons(yaml('', '{ serviceTime: .inf, replicas: .INF }', '{ rate: 10, to: api, timeout: +.inf }')),
      ).toEqual([
        ['services.api.serviceTime', infinite('.inf', noWord)],
        ['services.api.replicas', infinite('.INF', optional)],
        ['traffic[0].timeout', infinite('+.inf', optional)],
      ]);
      // An unknown field takes nothing to advise on (its name is reported once the number is finite).
      expect(reasons(yaml('', '{ serviceTime: 5ms, queu: .inf }'))).toEqual([
        ['services.api.queu', infinite('.inf', '').replace(/; $/, '')],
      ]);
    });
  });

  it('refuses replicas, concurrency, queue, attempts, users, rates and durations past their bounds', () => {
    const input = minimal();
    input['duration'] = '1000h';
    input.services['backend'] = {
      serviceTime: 1e-9,
      replicas: 1e12,
      concurrency: 1e6,
      queue: 1e7,
      calls: [],
    };
    input.services['frontend'] = {
      serviceTime: '1ms',
      calls: [{ to: 'backend', retry: { attempts: 1000 } }],
    };
    input.traffic = [
      { to: 'frontend', rate: '2000000/s', timeout: '0.0001us' },
      { name: 'users', to: 'frontend', users: 2e6 },
    ];
    expect(messagesOf(input)).toEqual([
      'test.yaml: duration: must be at most 720h (got "1000h")',
      'test.yaml: services.frontend.calls[0].retry.attempts: must be an integer between 1 and 100 (got 1000)',
      'test.yaml: services.backend.replicas: must be an integer between 1 and 10000 (got 1000000000000)',
      'test.yaml: services.backend.concurrency: must be an integer between 1 and 100000 (got 1000000)',
      'test.yaml: services.backend.queue: must be an integer between 0 and 1000000 (got 10000000)',
      'test.yaml: services.backend.serviceTime: must be 0 or at least 1us, the finest duration a scenario writes (got 1e-9)',
      'test.yaml: traffic[0].rate: must be at most 1000000/s, the largest rate of a scenario (got "2000000/s")',
      'test.yaml: traffic[0].timeout: must be 0 or at least 1us, the finest duration a scenario writes (got "0.0001us")',
      'test.yaml: traffic[1].users: must be an integer between 1 and 1000000 (got 2000000)',
    ]);
  });

  it('a number beyond the largest exact integer is told its field’s own bound, or the largest exact integer', () => {
    const text = [
      'seed: 1e20',
      'services:',
      '  api:',
      '    serviceTime: 5ms',
      '    concurrency: 1e20',
      '    queue: 1e20',
      '    replicas: -1e20',
      '    memoryRequest: 1e20',
      '    calls: [ { to: db, timeout: 1e20, retry: { attempts: 1e20 } } ]',
      '  db: { serviceTime: 5ms }',
      'traffic:',
      '  - { to: api, rate: 1e20 }',
      '',
    ].join('\n');
    expect(parseError(text).issues.map((issue) => `${issue.path}: ${issue.reason}`)).toEqual([
      'seed: must be an integer <= 9007199254740991 (got 100000000000000000000)',
      'services.api.concurrency: must be an integer between 1 and 100000 (got 100000000000000000000)',
      'services.api.queue: must be an integer between 0 and 1000000 (got 100000000000000000000)',
      'services.api.replicas: must be an integer >= 1 (got -100000000000000000000)',
      // No bound of its own: the largest exact integer.
      `services.api.memoryRequest: must be at most ${SCENARIO_LIMITS.largestNumber} in magnitude, the largest exact integer (got 100000000000000000000)`,
      'services.api.calls[0].timeout: must be at most 8760h (got 100000000000000000000)',
      'services.api.calls[0].retry.attempts: must be an integer between 1 and 100 (got 100000000000000000000)',
      'traffic[0].rate: must be at most 1000000/s, the largest rate of a scenario (got 100000000000000000000)',
    ]);
  });

  it('refuses a scenario over the size limits: too many services, instances, calls, sources, faults', () => {
    const input = minimal();
    input.services['frontend'] = {
      serviceTime: '1ms',
      replicas: 10_000,
      calls: [{ parallel: Array.from({ length: 1001 }, () => ({ to: 'backend' })) }],
    };
    for (let i = 0; i < 15; i++) input.services[`s${i}`] = { serviceTime: '1ms', replicas: 10_000 };
    input.traffic = Array.from({ length: 1001 }, (_, i) => ({
      name: `source-${i}`,
      to: 'frontend',
      rate: 1,
    }));
    expect(messagesOf(input)).toEqual([
      'test.yaml: services.frontend.calls: must make at most 1000 calls, parallel groups included (got 1001)',
      "test.yaml: services: the services' replicas add up to 160001, more than 150000 (Kubernetes supports at most 150,000 pods per cluster)",
      'test.yaml: traffic: must list at most 1000 traffic sources (got 1001)',
    ]);
  });

  it('refuses a cluster of more than 5,000 nodes, and more than 150,000 nodes in all', () => {
    const cluster = (name: string, nodes: number): Record<string, unknown> => ({
      name,
      zones: [
        { name: 'a', nodes: nodes - 1 },
        { name: 'b', nodes: 1 },
      ],
    });
    const input: Record<string, unknown> = { ...minimal(), clusters: [cluster('big', 994_384_411)] };
    expect(messagesOf(input)).toEqual([
      "test.yaml: clusters[0].zones: the zones' nodes add up to 994384411, more than 5000 (Kubernetes supports at most 5,000 nodes per cluster)",
    ]);
    input['clusters'] = Array.from({ length: 31 }, (_, i) => cluster(`c${i}`, 5000));
    expect(messagesOf(input)).toEqual([
      "test.yaml: clusters: the clusters' nodes add up to 155000, more than 150000",
    ]);
    input['clusters'] = Array.from({ length: 30 }, (_, i) => cluster(`c${i}`, 5000));
    expect(resolveScenario(input, 'test.yaml').clusters).toHaveLength(30);
  });
});

describe('hostile text', () => {
  it('rejects a duration padded with 60,000 spaces at once (no backtracking), naming the limit', () => {
    const [error, ms] = timed(() =>
      parseError(yaml().replace('duration: 1s', `duration: "1${' '.repeat(60_000)}x"`)),
    );
    expect(error.message).toMatch(
      /^test\.yaml:1:1: duration: is too long: at most 64 characters \(got "1 +\.\.\.\)$/,
    );
    expect(ms).toBeLessThan(500);
  });

  it('refuses 10,000 nested brackets with the position where nesting passed 64 levels, not a stack overflow', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{a: ', '}'],
    ] as const) {
      const text = yaml(`assumptions: ${open.repeat(10_000)}${close.repeat(10_000)}\n`);
      const [error, ms] = timed(() => parseError(text));
      expect(error.message).toMatch(
        /^test\.yaml:6:\d+: YAML nesting deeper than 64 levels \(a scenario nests about 10\)$/,
      );
      expect(ms).toBeLessThan(1000);
    }
    // Compact block sequences nest too: `- - - - … x`.
    expect(parseError(yaml(`assumptions:\n${'- '.repeat(5000)}x\n`)).message).toContain(
      'nesting deeper than 64 levels',
    );
  });

  it('refuses deep nesting and cycles in input built in code', () => {
    const deep: unknown[] = [];
    let inner = deep;
    for (let i = 0; i < 10_000; i++) {
      const next: unknown[] = [];
      inner.push(next);
      inner = next;
    }
    expect(messagesOf({ ...minimal(), assumptions: deep })[0]).toMatch(
      /^test\.yaml: assumptions(\[0\])+: nesting deeper than 64 levels \(or a cycle\)/,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(messagesOf({ ...minimal(), mesh: cyclic })[0]).toContain(
      'nesting deeper than 64 levels (or a cycle)',
    );
  });

  it('refuses a map, a list or an alias as a map key, with its line and column, and prints no warning', () => {
    const warnings: unknown[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = ((warning: unknown) => void warnings.push(warning)) as typeof process.emitWarning;
    try {
      expect(parseError(yaml('? { to: api }\n: 1\n')).message).toBe(
        'test.yaml:6:3: YAML map key is a map: keys are names, not maps, lists or aliases',
      );
      expect(parseError(yaml('assumptions:\n  ? [a, b]\n  : 1\n')).message).toContain(
        'test.yaml:7:5: YAML map key is a list',
      );
      expect(parseError(yaml('anchor: &k x\nmore: { *k : 1 }\n')).message).toContain(
        'test.yaml:7:9: YAML map key is an alias',
      );
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(warnings).toEqual([]);
  });

  it('refuses an alias bomb when its aliases are expanded', () => {
    const bomb =
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n' +
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const [error, ms] = timed(() => parseError(bomb + yaml()));
    expect(error.message).toBe(
      'test.yaml: YAML error: aliases expand to too much (more than 1000 alias expansions: an alias bomb?)',
    );
    expect(ms).toBeLessThan(1000);
  });

  it('refuses text and files over the size limit, a file before reading it', () => {
    const big = yaml(`description: "${'x'.repeat(SCENARIO_LIMITS.fileBytes)}"\n`);
    expect(parseError(big).message).toBe('test.yaml: the file is 16.0 MiB, more than the limit of 16.0 MiB');
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-limits-'));
    try {
      const file = join(dir, 'big.yaml');
      writeFileSync(file, big);
      expect(() => loadScenarioFile(file)).toThrow(
        `${file}: the file is 16.0 MiB, more than the limit of 16.0 MiB`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a chain of 3,000 services for call cycles without overflowing the stack', () => {
    const services: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) {
      services[`s${i}`] = {
        serviceTime: '1ms',
        calls: i + 1 < 3000 ? [{ to: `s${i + 1}` }] : [{ to: 's0' }],
      };
    }
    const messages = messagesOf({ services, traffic: [{ to: 's0', rate: 1 }] });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^test\.yaml: services\.s2999\.calls\[0\]\.to: call cycle s0 → s1 → .* → s2999 → s0/,
    );
    expect(() =>
      resolveScenario({ services: { a: { serviceTime: 1 } }, traffic: [{ to: 'a', rate: 1 }] }),
    ).not.toThrow();
  });
});
