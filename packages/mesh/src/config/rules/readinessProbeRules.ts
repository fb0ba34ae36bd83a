// Rule table of a service's readiness probe (`services.*.readinessProbe`, `ReadinessProbeConfig`): Kubernetes'
// probe fields with their defaults, durations written with units as elsewhere in the scenario format.

import type { RuleTable } from './RuleRow.js';

const probes = (note: string) => ({ cite: 'k8s-probes', note }) as const;

/** The readiness probe the kubelet runs on each instance's application container. */
export const READINESS_PROBE_RULES = {
  id: 'readiness-probe',
  title: 'Readiness probe',
  scenarioPath: 'services.*.readinessProbe',
  configPath: 'ServiceConfig.readinessProbe (ReadinessProbeConfig)',
  rows: [
    {
      field: 'initialDelay',
      configField: 'initialDelayMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 0, source: probes('initialDelaySeconds: minimum value is 0') },
      default: { value: 0, source: probes('initialDelaySeconds defaults to 0 seconds') },
      description:
        'Time after the container starts before its probes count (Kubernetes initialDelaySeconds); until the probe passes, a started container is not Ready.',
    },
    {
      field: 'period',
      configField: 'periodMs',
      kind: 'duration',
      unit: 'ms',
      min: { value: 1000, source: probes('periodSeconds: the minimum value is 1') },
      default: { value: 10_000, source: probes('periodSeconds defaults to 10 seconds') },
      description: 'How often the kubelet probes (Kubernetes periodSeconds).',
    },
    {
      field: 'failureThreshold',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: probes('failureThreshold: minimum value is 1') },
      default: { value: 3, source: probes('failureThreshold defaults to 3') },
      description: 'Consecutive failed probes that make a Ready container NotReady.',
    },
    {
      field: 'successThreshold',
      kind: 'integer',
      unit: 'count',
      min: { value: 1, source: probes('successThreshold: minimum value is 1') },
      default: { value: 1, source: probes('successThreshold defaults to 1') },
      description: 'Consecutive passed probes that make a started or NotReady container Ready.',
    },
  ],
} as const satisfies RuleTable;
