// A live export (`kubectl get -o yaml`): the fields the API server defaults on every object are passed over quietly,
// so the warnings left are about what changes behaviour (probes, env, affinity, spread constraints).

import { describe, expect, it } from 'vitest';

import { importFiles, warningLines } from '../../__helpers__/fixtures.js';

const LIVE = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    annotations:
      deployment.kubernetes.io/revision: "3"
    creationTimestamp: "2024-05-01T10:00:00Z"
    generation: 3
    name: web
    namespace: shop
    resourceVersion: "123456"
    uid: 0b7c2a52
  spec:
    progressDeadlineSeconds: 600
    replicas: 3
    revisionHistoryLimit: 10
    selector: { matchLabels: { app: web } }
    strategy:
      rollingUpdate: { maxSurge: 25%, maxUnavailable: 25% }
      type: RollingUpdate
    template:
      metadata:
        creationTimestamp: null
        labels: { app: web }
      spec:
        containers:
        - image: example/web:1.2.3
          imagePullPolicy: IfNotPresent
          name: web
          ports: [ { containerPort: 8080, protocol: TCP } ]
          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          resources: { requests: { cpu: 500m } }
          terminationMessagePath: /dev/termination-log
          terminationMessagePolicy: File
        dnsPolicy: ClusterFirst
        restartPolicy: Always
        schedulerName: default-scheduler
        securityContext: {}
        terminationGracePeriodSeconds: 30
  status: { availableReplicas: 3 }
- apiVersion: v1
  kind: Service
  metadata: { name: web, namespace: shop, uid: 1d2e }
  spec:
    clusterIP: 10.96.0.12
    clusterIPs: [10.96.0.12]
    internalTrafficPolicy: Cluster
    ipFamilies: [IPv4]
    ipFamilyPolicy: SingleStack
    ports: [ { name: http, port: 80, protocol: TCP, targetPort: 8080 } ]
    selector: { app: web }
    sessionAffinity: None
    type: ClusterIP
  status: { loadBalancer: {} }
`;

describe('liveExportFields', () => {
  it('passes over what a live export carries on every workload and Service; warns of the probe', () => {
    const imported = importFiles({ 'live.yaml': LIVE });
    expect(warningLines(imported.warnings).filter((line) => line.startsWith('live.yaml'))).toEqual([
      'live.yaml:33:11: Deployment/web (document 1, items[0]): spec.template.spec.containers[0].livenessProbe: not modelled by meshsim (ignored)',
    ]);
  });

  it('warns of a field passed over by default when it holds a value of its own', () => {
    const imported = importFiles({
      'live.yaml': LIVE.replace('dnsPolicy: ClusterFirst', 'dnsPolicy: None')
        .replace('sessionAffinity: None', 'sessionAffinity: ClientIP')
        .replace('securityContext: {}', 'securityContext: { runAsUser: 1000 }'),
    });
    const fields = imported.warnings.filter((w) => w.file === 'live.yaml').map((w) => w.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'spec.template.spec.dnsPolicy',
        'spec.template.spec.securityContext',
        'spec.sessionAffinity',
      ]),
    );
  });
});
