// Versions from DestinationRule subsets, Deployments and VirtualService weights: each warning about them names the
// resource at fault (the VirtualService's route, the DestinationRule's subset, the Deployment's pod labels) and its
// file, line and column.

import { describe, expect, it } from 'vitest';

import { graphFragment, importFiles, kubernetesApp, warningsWith } from '../../__helpers__/fixtures.js';

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
