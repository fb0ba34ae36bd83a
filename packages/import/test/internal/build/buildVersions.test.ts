// Versions from DestinationRule subsets, Deployments and VirtualService weights: each warning about them names the
// resource at fault (the VirtualService's route, the DestinationRule's subset, the Deployment's pod labels) and its
// file, line and column.

import { describe, expect, it } from 'vitest';

import {
  callTo,
  graphFragment,
  importFiles,
  kubernetesApp,
  serviceOf,
  warningsWith,
} from '../../__helpers__/fixtures.js';

/** reviews (v1 ×2, v2 ×1) called by frontend, with `istio` as istio.yaml. */
function withIstio(istio: string): ReturnType<typeof importFiles> {
  return importFiles(
    {
      'app.yaml': kubernetesApp(['frontend', 'reviews']),
      'istio.yaml': istio,
      'graph.yaml': graphFragment(['reviews']),
    },
    { graph: 'graph.yaml' },
  );
}

const DR = (subsets: string): string =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: reviews }\nspec:\n  host: reviews\n  subsets:\n${subsets}`;
const VS = (route: string): string =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: reviews }\nspec:\n  hosts: [reviews]\n  http:\n    - route:\n${route}`;
const V1 = '    - { name: v1, labels: { version: v1 } }\n';
const V2 = '    - { name: v2, labels: { version: v2 } }\n';
const TO = (subset: string, weight: number): string =>
  `        - { destination: { host: reviews, subset: ${subset} }, weight: ${String(weight)} }\n`;

describe('buildVersions: where its warnings point', () => {
  it('a Deployment that no subset selects: at its pod labels', () => {
    const imported = withIstio(DR(V1));
    const lines = warningsWith(imported.warnings, 'reviews-v2');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^app\.yaml:\d+:\d+: Deployment\/reviews-v2 \(document \d+\): spec\.template\.metadata\.labels: /,
    );
  });

  it('a route to a subset the DestinationRule does not define: at that destination of the VirtualService', () => {
    const imported = withIstio(`${DR(V1 + V2)}---\n${VS(TO('v1', 50) + TO('v3', 50))}`);
    const lines = warningsWith(imported.warnings, '"v3"').concat(warningsWith(imported.warnings, '(v3)'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(
        /^istio\.yaml:18:43: VirtualService\/reviews \(document 2\): spec\.http\[0\]\.route\[1\]\.destination\.subset: /,
      );
  });

  it('weights to subsets without any DestinationRule: at the VirtualService route', () => {
    const imported = withIstio(VS(TO('v1', 50) + TO('v2', 50)));
    const lines = warningsWith(imported.warnings, 'DestinationRule');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(
        /^istio\.yaml:7:7: VirtualService\/reviews \(document 1\): spec\.http\[0\]\.route: /,
      );
  });

  it('a weighted subset that selects no pod: at that subset of the DestinationRule', () => {
    const v9 = '    - { name: v9, labels: { version: v9 } }\n';
    const imported = withIstio(`${DR(V1 + V2 + v9)}---\n${VS(TO('v1', 80) + TO('v9', 20))}`);
    const lines = warningsWith(imported.warnings, 'v9').filter((line) => line.includes('DestinationRule/'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^istio\.yaml:9:9: DestinationRule\/reviews \(document 1\): spec\.subsets\[2\]\.name: /,
    );
  });

  it('a class route to a subset the DestinationRule does not define: at the header-matched route', () => {
    const imported = withIstio(
      `${DR(V1 + V2)}---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: reviews }\nspec:\n  hosts: [reviews]\n  http:\n    - match: [ { headers: { end-user: { exact: jason } } } ]\n      route: [ { destination: { host: reviews, subset: v7 } } ]\n`,
    );
    const lines = warningsWith(imported.warnings, '"v7"');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^istio\.yaml:17:7: VirtualService\/reviews \(document 2\): spec\.http\[0\]\.route: /,
    );
  });
});

describe('buildVersions: what Istio fails, the scenario fails', () => {
  const versionsOf = (imported: ReturnType<typeof importFiles>): unknown =>
    serviceOf(imported, 'reviews')['versions'];
  const abortOf = (imported: ReturnType<typeof importFiles>): unknown =>
    (callTo(imported, 'frontend', 'reviews')?.['faultInjection'] as { abort?: unknown } | undefined)?.abort;

  it('the share routed to a subset no DestinationRule defines: an abort of that share with 503 on every call', () => {
    const imported = withIstio(`${DR(V1 + V2)}---\n${VS(TO('v1', 50) + TO('v3', 50))}`);
    expect(abortOf(imported)).toEqual({ percent: 50, status: 503 });
    // The calls that are not aborted all go to v1, as in Istio.
    expect(versionsOf(imported)).toEqual([
      { name: 'v1', replicas: 2, weight: 100 },
      { name: 'v2', replicas: 1, weight: 0 },
    ]);
    expect(
      warningsWith(
        imported.warnings,
        'subset "v3" is not defined by the DestinationRule of "reviews" (subsets: v1, v2): Istio answers the 50 % of requests routed to it with 503 at once (no cluster found, not retried); imported as faultInjection.abort with status 503 on every call to "reviews"',
      ),
    ).toHaveLength(1);
  });

  it('splits the rest over the live subsets by their weights (60 v1, 20 v2, 20 v3 undefined)', () => {
    const imported = withIstio(`${DR(V1 + V2)}---\n${VS(TO('v1', 60) + TO('v2', 20) + TO('v3', 20))}`);
    expect(abortOf(imported)).toEqual({ percent: 20, status: 503 });
    expect(versionsOf(imported)).toEqual([
      { name: 'v1', replicas: 2, weight: 75 },
      { name: 'v2', replicas: 1, weight: 25 },
    ]);
  });

  it('the share routed to a subset that selects no pod: an abort too (Istio: 503, no healthy upstream)', () => {
    const v9 = '    - { name: v9, labels: { version: v9 } }\n';
    const imported = withIstio(`${DR(V1 + V2 + v9)}---\n${VS(TO('v1', 80) + TO('v9', 20))}`);
    expect(abortOf(imported)).toEqual({ percent: 20, status: 503 });
    expect(versionsOf(imported)).toEqual([
      { name: 'v1', replicas: 2, weight: 100 },
      { name: 'v2', replicas: 1, weight: 0 },
      { name: 'v9', replicas: 0, weight: 0 },
    ]);
    expect(warningsWith(imported.warnings, 'subset "v9" selects no pod of "reviews"')).toHaveLength(1);
  });

  it('weights to subsets without any DestinationRule: every call aborted (Istio built no such cluster), loudly', () => {
    const imported = withIstio(VS(TO('v1', 50) + TO('v2', 50)));
    expect(abortOf(imported)).toEqual({ percent: 100, status: 503 });
    expect(serviceOf(imported, 'reviews')['replicas']).toBe(3);
    expect(
      warningsWith(
        imported.warnings,
        'no DestinationRule of the inputs defines subsets of it: Istio answers all of them with 503',
      ),
    ).toHaveLength(1);
  });

  it("adds the share to the route's own 503 abort (the fault filter runs first): 10 % + 90 % × 50 %", () => {
    const vs = `${VS(TO('v1', 50) + TO('v3', 50))}      fault: { abort: { percentage: { value: 10 }, httpStatus: 503 } }\n`;
    const imported = withIstio(`${DR(V1 + V2)}---\n${vs}`);
    expect(abortOf(imported)).toEqual({ percent: 55, status: 503 });
  });

  it("cannot combine it with the route's own 500 abort: that abort is kept, and a warning says the 503s are not reproduced", () => {
    const vs = `${VS(TO('v1', 50) + TO('v3', 50))}      fault: { abort: { percentage: { value: 10 }, httpStatus: 500 } }\n`;
    const imported = withIstio(`${DR(V1 + V2)}---\n${vs}`);
    expect(abortOf(imported)).toEqual({ percent: 10, status: 500 });
    expect(warningsWith(imported.warnings, 'which the scenario does not reproduce')).toHaveLength(1);
  });

  it('keeps the pods no subset selects as a version of their own: no weight without route weights, 0 with them', () => {
    const plain = withIstio(DR(V1));
    expect(versionsOf(plain)).toEqual([
      { name: 'v1', replicas: 2 },
      { name: 'reviews-v2', replicas: 1 },
    ]);
    expect(
      warningsWith(
        plain.warnings,
        'the pods of Deployment "reviews-v2" match no subset of "reviews" (v1); its 1 replica runs as version "reviews-v2", which gets requests as the others do',
      ),
    ).toHaveLength(1);
    const weighted = withIstio(`${DR(V1)}---\n${VS(TO('v1', 100))}`);
    expect(versionsOf(weighted)).toEqual([
      { name: 'v1', replicas: 2, weight: 100 },
      { name: 'reviews-v2', replicas: 1, weight: 0 },
    ]);
    expect(warningsWith(weighted.warnings, 'which gets no request (weight 0)')).toHaveLength(1);
  });

  it('a class route to an undefined subset is not imported, and the warning says Istio fails those requests', () => {
    const imported = withIstio(
      `${DR(V1 + V2)}---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: { name: reviews }\nspec:\n  hosts: [reviews]\n  http:\n    - match: [ { headers: { end-user: { exact: jason } } } ]\n      route: [ { destination: { host: reviews, subset: v7 } } ]\n`,
    );
    expect(serviceOf(imported, 'reviews')['routes']).toBeUndefined();
    expect(
      warningsWith(imported.warnings, 'Istio answers these requests with 503 (no cluster found)'),
    ).toHaveLength(1);
  });
});

describe("the versions' comment names only what was imported", () => {
  const commentOf = (imported: ReturnType<typeof importFiles>): string | undefined =>
    imported.comments.find((c) => c.path.join('.') === 'services.reviews.versions')?.text;

  it('subsets, weights and replicas when the weights are imported', () => {
    const imported = withIstio(`${DR(V1 + V2)}---\n${VS(TO('v1', 90) + TO('v2', 10))}`);
    expect(commentOf(imported)).toBe(
      'subsets, weights and replicas from istio.yaml#1 DestinationRule/reviews, istio.yaml#2 VirtualService/reviews, app.yaml#3 Deployment/reviews-v1 and 1 more',
    );
  });

  it('subsets and replicas, without the VirtualService, when its weights are not imported', () => {
    const imported = withIstio(`${DR(V1 + V2)}---\n${VS(TO('v1', -10) + TO('v2', 110))}`);
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2 },
      { name: 'v2', replicas: 1 },
    ]);
    expect(commentOf(imported)).toBe(
      'subsets and replicas from istio.yaml#1 DestinationRule/reviews, app.yaml#3 Deployment/reviews-v1, app.yaml#4 Deployment/reviews-v2',
    );
  });

  it('subsets and replicas when every weighted request fails: the weights went into the abort, not the versions', () => {
    const imported = withIstio(`${DR(V1 + V2)}---\n${VS(TO('v3', 100))}`);
    expect(callTo(imported, 'frontend', 'reviews')?.['faultInjection']).toEqual({
      abort: { percent: 100, status: 503 },
    });
    expect(serviceOf(imported, 'reviews')['versions']).toEqual([
      { name: 'v1', replicas: 2 },
      { name: 'v2', replicas: 1 },
    ]);
    expect(commentOf(imported)).toMatch(
      /^subsets and replicas from istio\.yaml#1 DestinationRule\/reviews, app\.yaml/,
    );
  });
});
