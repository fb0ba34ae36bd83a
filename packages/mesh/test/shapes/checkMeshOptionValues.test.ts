// Mesh options built in code meet the scenario format's rules when resolved: a known Istio or Linkerd release
// (never the nearest profile of a mistyped one) and proxy profile overrides of known fields and valid values.

import { describe, expect, it } from 'vitest';

import {
  ISTIO_VERSIONS,
  LINKERD_VERSIONS,
  MESH_OPTION_RULES,
  Simulation,
  configKey,
  resolveMeshConfig,
  toConfigUnit,
} from '../../src/index.js';
import type { MeshOptions, RuleRow } from '../../src/index.js';
import { config, poisson, service } from '../__helpers__/configs.js';

const resolve = (options: object) => () => resolveMeshConfig(options as MeshOptions);

describe('resolveMeshConfig checks the written options (checkMeshOptionValues)', () => {
  // Every row of the shared options' rule table, as the scenario schema reads it: values past a bound, NaN, an
  // unknown enum value. Before, -1000 ms crashed the engine's scheduler at simulate without naming the field, and
  // an unknown balancer failed with "Cannot read properties of undefined".
  const refused: [RuleRow, unknown][] = (MESH_OPTION_RULES.rows as readonly RuleRow[]).flatMap(
    (row): [RuleRow, unknown][] =>
      row.kind === 'enum'
        ? [[row, 'fastest']]
        : [
            [row, NaN],
            ...(row.min === undefined
              ? []
              : [[row, toConfigUnit(row, row.min.value) - 1000] as [RuleRow, unknown]]),
          ],
  );
  it.each(refused.map(([row, value]) => [configKey(row), row, value] as const))(
    'refuses mesh.%s = %s, naming the option',
    (_key, row, value) => {
      const key = configKey(row);
      expect(resolve({ shape: 'istio-sidecar', [key]: value })).toThrow(RangeError);
      expect(resolve({ shape: 'istio-sidecar', [key]: value })).toThrow(
        new RegExp(`^mesh\\.${key} must be `),
      );
    },
  );

  it('refuses a certificate lifetime of 0, a library service that is not a name, and a negative price', () => {
    expect(resolve({ shape: 'istio-sidecar', certificateLifetimeMs: 0 })).toThrow(
      /^mesh\.certificateLifetimeMs must be a finite number > 0 \(got 0\)/,
    );
    expect(resolve({ shape: 'library', libraryServices: [''] })).toThrow(
      'mesh.libraryServices[0] must be a service name (got )',
    );
    expect(resolve({ shape: 'library', libraryServices: 'some' })).toThrow(
      /^mesh\.libraryServices must be "all"/,
    );
    const prices = { ...resolveMeshConfig({ shape: 'istio-sidecar' }).prices!, vcpuHourUsd: -1 };
    expect(resolve({ shape: 'istio-sidecar', prices })).toThrow(
      'mesh.prices.vcpuHourUsd must be a finite number >= 0 [USD] (got -1)',
    );
  });

  it('refuses at simulate a library service the config does not have (it ran with none before)', () => {
    const cfg = config([service('a')], [poisson('a', 10)], { durationMs: 100 });
    const mesh = resolveMeshConfig({ shape: 'library', libraryServices: ['nope'] });
    expect(() => new Simulation({ ...cfg, mesh })).toThrow(
      'mesh.libraryServices[0]: unknown service "nope" (services: a)',
    );
  });

  it('refuses a release outside ISTIO_VERSIONS or LINKERD_VERSIONS, listing them', () => {
    const istio = ISTIO_VERSIONS.map((v) => `"${v}"`).join(', ');
    expect(resolve({ shape: 'istio-sidecar', istioVersion: '0.1' })).toThrow(
      new RangeError(`mesh.istioVersion must be one of ${istio} (got "0.1")`),
    );
    expect(resolve({ shape: 'istio-sidecar', istioVersion: '1.17' })).toThrow(/mesh\.istioVersion/);
    const linkerd = LINKERD_VERSIONS.map((v) => `"${v}"`).join(', ');
    expect(resolve({ shape: 'linkerd', linkerdVersion: '2.9' })).toThrow(
      new RangeError(`mesh.linkerdVersion must be one of ${linkerd} (got "2.9")`),
    );
    for (const istioVersion of ISTIO_VERSIONS) {
      expect(resolve({ shape: 'istio-sidecar', istioVersion })).not.toThrow();
    }
  });

  it('refuses a profile field a profile does not have, naming it (as the scenario schema does)', () => {
    expect(resolve({ shape: 'istio-sidecar', sidecar: { bogus: 1 } })).toThrow(
      /^mesh\.sidecar\.bogus is not a field of it; its fields: latencyMs, workers, /,
    );
    expect(resolve({ shape: 'istio-ambient', ztunnel: { replicas: 2 } })).toThrow(/mesh\.ztunnel\.replicas/);
    expect(resolve({ shape: 'istio-ambient', waypoint: { replicas: 2 } })).not.toThrow();
    expect(resolve({ shape: 'istio-sidecar', istioCni: { cpu: 1 } })).toThrow(/mesh\.istioCni\.cpu/);
  });

  it('refuses an invalid profile value, naming the field', () => {
    expect(resolve({ shape: 'istio-sidecar', sidecar: { latencyMs: -5 } })).toThrow(
      'mesh.sidecar.latencyMs must be an object (got -5)',
    );
    expect(
      resolve({ shape: 'linkerd', linkerdProxy: { latencyMs: { kind: 'constant', value: NaN } } }),
    ).toThrow('mesh.linkerdProxy.latencyMs.value must be a finite number (got NaN)');
    expect(resolve({ shape: 'istio-sidecar', sidecar: { workers: 0 } })).toThrow(
      'mesh.sidecar.workers must be an integer >= 1 or Infinity (unlimited) (got 0)',
    );
    expect(resolve({ shape: 'istio-sidecar', sidecar: { cpuMsPerRequest: -1 } })).toThrow(
      'mesh.sidecar.cpuMsPerRequest must be a finite number >= 0 (got -1)',
    );
    expect(
      resolve({ shape: 'istio-sidecar', sidecar: { workers: Infinity, cpuLimitCores: Infinity } }),
    ).not.toThrow();
  });
});
