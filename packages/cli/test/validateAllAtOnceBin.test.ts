// What `meshsim validate` says of a file with several mistakes, on the real binary: every one of them in one run, each
// at its file, line and column, field path and reason — none hidden until another is fixed.

import { describe, expect, it } from 'vitest';

import { writeTempFile } from './__helpers__/scenarios.js';
import { meshsim } from './__helpers__/meshsimBin.js';

describe('meshsim validate reports every mistake of a file in one run', () => {
  it("a service's misspelt field and its CPU request above its limit: both, exit 1", () => {
    const file = writeTempFile(
      'misspelt-and-limit.yaml',
      `services:
  api:
    serviceTime: 5ms
    replicaz: 2
    cpuRequest: 1
    cpuLimit: 500m
traffic: [{ to: api, rate: 10 }]
`,
    );
    const { code, stdout, stderr } = meshsim('validate', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      `${file}:4:5: services.api.replicaz: unknown field (did you mean "replicas"?)\n`,
    );
    expect(stderr).toContain(
      `${file}:6:5: services.api.cpuLimit: must be >= cpuRequest (1) (got "500m"): Kubernetes refuses a pod whose request is above its limit\n`,
    );
  });
});
