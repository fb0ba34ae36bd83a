// scenarioWarnings: a scenario's warnings that need no run (its model's, as `simulate` gives them), as issues of its
// file — each about one field placed at the line and column the file writes it at, the others without a position.

import { simulate } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';
import {
  formatScenarioIssue,
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
    expect(at('service big:')).toEqual(['services.big', 16, 3]);
  });

  it('prints as errors do, file:line:column: path: reason; a warning about no field has no path or position', () => {
    const warnings = scenarioWarnings(parseScenario(WARNED, 'warned.yaml'));
    expect(formatScenarioIssue(warnings[0] as (typeof warnings)[0])).toMatch(
      /^warned\.yaml:\d+:\d+: services\.\S+: /,
    );
    // Pending pods and no node big enough: "cluster …: even N more nodes … would leave pods Pending".
    const cluster = warnings.find((w) => w.reason.startsWith('cluster '));
    expect(cluster).toEqual({ file: 'warned.yaml', path: '', reason: cluster?.reason });
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

  it('finds nothing to say about a bundled scenario', () => {
    expect(scenarioWarnings(loadScenario('retry-storm'))).toEqual([]);
  });
});
