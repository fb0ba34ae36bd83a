// bareCpuOverrideReason warns of a CPU quantity a --set gives as a bare number implausible as cores by the rule of a
// file's own bare numbers: the largest node the scenario writes as edited, a node's size from 1000 cores.

import { describe, expect, it } from 'vitest';

import { bareCpuOverrideReason, parseScenario, resolveScenario } from '../src/index.js';

const YAML = 'nodeCpu: 8\nservices: { api: { serviceTime: 5ms } }\ntraffic: [{ to: api, rate: 10 }]\n';

describe('bareCpuOverrideReason', () => {
  it("words a container's bare CPU number over the largest node as a file's, and is null for a unit or a plausible number", () => {
    const config = parseScenario(YAML, 'm5.yaml');
    expect(bareCpuOverrideReason(config, 'services.api.cpuLimit', 500)).toBe(
      '500 is 500 cores (a bare CPU quantity is cores, as Kubernetes reads it), more than the largest node has ' +
        '(8 cores, nodeCpu); write 500m for millicores (0.5 cores)',
    );
    expect(bareCpuOverrideReason(config, 'services.api.proxyCpuRequest', '200')).toMatch(/^200 is 200 cores/);
    expect(bareCpuOverrideReason(config, 'services.api.cpuLimit', '500m')).toBeNull();
    expect(bareCpuOverrideReason(config, 'services.api.cpuLimit', 4)).toBeNull();
    expect(bareCpuOverrideReason(config, 'traffic.0.rate', 500)).toBeNull();
    expect(bareCpuOverrideReason(config, 'services.api.nosuch', 500)).toBeNull();
    expect(bareCpuOverrideReason(config, '', 500)).toBeNull();
  });

  it('takes the node size as edited, and warns of a node size from 1000 cores', () => {
    // The file's data with `--set nodeCpu=1000` made, resolved with the file's text (as the CLI resolves it).
    const edited = {
      nodeCpu: 1000,
      services: { api: { serviceTime: '5ms' } },
      traffic: [{ to: 'api', rate: 10 }],
    };
    const config = resolveScenario(edited, 'm5.yaml', YAML);
    // 500 cores fit a node of 1000: plausible.
    expect(bareCpuOverrideReason(config, 'services.api.cpuLimit', 500)).toBeNull();
    expect(bareCpuOverrideReason(config, 'nodeCpu', 1000)).toMatch(
      /^1000 is 1000 cores .*, more than any machine has; write 1000m for millicores \(1 core\)$/,
    );
  });
});
