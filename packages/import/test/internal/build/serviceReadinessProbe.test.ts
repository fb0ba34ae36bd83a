// A service has one readinessProbe for all its instances: its workloads' probe when they agree, else the first
// workload's with a probe, each other workload warned at its probe (or its containers).

import { describe, expect, it } from 'vitest';

import { describeProbe } from '../../../src/internal/build/serviceReadinessProbe.js';
import { importFiles, serviceOf, warningsWith } from '../../__helpers__/fixtures.js';

/** A Deployment `reviews-<version>` of service `reviews`, its container given `probe` (YAML flow) when set. */
function version(name: string, probe?: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: reviews-${name} }
spec:
  selector: { matchLabels: { app: reviews, version: ${name} } }
  template:
    metadata: { labels: { app: reviews, version: ${name} } }
    spec:
      containers:
        - name: reviews
${probe === undefined ? '' : `          readinessProbe: ${probe}\n`}---
`;
}

const SERVICE = `apiVersion: v1
kind: Service
metadata: { name: reviews }
spec:
  selector: { app: reviews }
`;

describe('serviceReadinessProbe', () => {
  it('takes the probe its workloads agree on, naming them all, without a warning', () => {
    const imported = importFiles({
      'reviews.yaml': version('v1', '{ periodSeconds: 5 }') + version('v2', '{ periodSeconds: 5 }') + SERVICE,
    });
    expect(serviceOf(imported, 'reviews')['readinessProbe']).toEqual({ period: '5s' });
    expect(warningsWith(imported.warnings, 'readinessProbe')).toEqual([]);
    expect(imported.comments).toContainEqual({
      path: ['services', 'reviews', 'readinessProbe'],
      text: 'readiness probe of reviews.yaml#1 Deployment/reviews-v1, reviews.yaml#2 Deployment/reviews-v2',
      inline: true,
    });
  });

  it("takes the first workload's probe when they differ, and warns each other workload, with or without one", () => {
    const imported = importFiles({
      'reviews.yaml':
        version('v1') +
        version('v2', '{ periodSeconds: 5 }') +
        version('v3', '{ periodSeconds: 5, failureThreshold: 1 }') +
        SERVICE,
    });
    expect(serviceOf(imported, 'reviews')['readinessProbe']).toEqual({ period: '5s' });
    expect(warningsWith(imported.warnings, 'has one readinessProbe')).toEqual([
      `reviews.yaml:9:7: Deployment/reviews-v1 (document 1): spec.template.spec.containers: service "reviews" has one readinessProbe for all its instances: Deployment/reviews-v2's { period: 5s } is imported, so this workload's pods, whose containers have no readiness probe, get it too`,
      `reviews.yaml:34:11: Deployment/reviews-v3 (document 3): spec.template.spec.containers[0].readinessProbe: service "reviews" has one readinessProbe for all its instances: Deployment/reviews-v2's { period: 5s } is imported, not this workload's { period: 5s, failureThreshold: 1 }`,
    ]);
  });

  it('shows a probe as a scenario writes it', () => {
    expect(describeProbe({})).toBe('{}');
    expect(describeProbe({ initialDelay: '5s', successThreshold: 2 })).toBe(
      '{ initialDelay: 5s, successThreshold: 2 }',
    );
  });
});
