// What `meshsim validate` says of a file's mistakes, on the real binary: every one of them in one run, each at its file,
// line and column, field path and reason — none hidden until another is fixed — with a hint where another tool's form
// was written (Istio's comma-separated retryOn).

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

describe('meshsim validate reports every mistake of a distribution in one run', () => {
  it("a misspelt parameter beside max below min, and a histogram's bins each at its own index: all, exit 1", () => {
    const file = writeTempFile(
      'distributions.yaml',
      `services:
  api: { serviceTime: { uniform: { min: 5ms, max: 3ms, mx: 1 } } }
  db:
    serviceTime:
      empirical:
        bins:
          - { lower: 5ms, upper: 3ms, count: 1 }
          - { lower: 1ms, upper: 2ms, count: -1 }
          - { lower: 9ms, upper: 8ms, count: 1 }
traffic: [{ to: api, rate: 10 }, { name: direct, to: db, rate: 10 }]
`,
    );
    const { code, stdout, stderr } = meshsim('validate', file);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
      `${file}:2:46: services.api.serviceTime.uniform.max: must be >= min (5ms) (got "3ms")`,
      `${file}:2:56: services.api.serviceTime.uniform.mx: unknown field (did you mean "max"?)`,
      `${file}:7:27: services.db.serviceTime.empirical.bins[0].upper: must be >= lower (5ms) (got "3ms")`,
      `${file}:8:39: services.db.serviceTime.empirical.bins[1].count: must be >= 0 (got -1)`,
      `${file}:9:27: services.db.serviceTime.empirical.bins[2].upper: must be >= lower (9ms) (got "8ms")`,
    ]);
  });
});

describe("meshsim validate hints at meshsim's form where Istio's was written", () => {
  it('a comma-separated retryOn string (retry and appRetry): write a list, at the field, exit 1', () => {
    const file = writeTempFile(
      'istio-retry-on.yaml',
      `services:
  api:
    serviceTime: 5ms
    calls:
      - to: db
        retry: { attempts: 3, retryOn: "5xx,reset" }
        appRetry: { attempts: 2, retryOn: "gateway-error,connect-failure" }
  db: { serviceTime: 1ms }
traffic: [{ to: api, rate: 10 }]
`,
    );
    const { code, stdout, stderr } = meshsim('validate', file);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    const istio = "(Istio's VirtualService writes them as one comma-separated string)";
    expect(stderr.split('\n').filter((line) => line !== '')).toEqual([
      `${file}:6:31: services.api.calls[0].retry.retryOn: must be a list of conditions: write retryOn: [5xx, reset] ${istio} (got "5xx,reset")`,
      `${file}:7:34: services.api.calls[0].appRetry.retryOn: must be a list of conditions: write retryOn: [gateway-error, connect-failure] ${istio} (got "gateway-error,connect-failure")`,
    ]);
  });
});
