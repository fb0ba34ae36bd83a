// Deterministic generator of the `kinvolk-emojivoto` scenario: the Kinvolk service-mesh benchmark as
// Buoyant ran it in 2021 (60 copies of emojivoto, one meshed wrk2 load generator, 2000 req/s in total),
// as a scenario document. Published facts are cited in docs/scenarios/kinvolk-emojivoto.md; the rest
// are labelled choices.

/** Options of {@link generateKinvolkEmojivoto}. */
export interface KinvolkEmojivotoOptions {
  /** Copies of emojivoto, one namespace each. @defaultValue 60 (the harness's `workload_num`) */
  apps?: number;
  /** Total request rate of the load generator [req/s]. @defaultValue 2000 */
  totalRps?: number;
  /** Simulated duration, as a scenario writes it. @defaultValue '30s' */
  duration?: string;
  /** Workload nodes. @defaultValue 6 (the harness's workload pool) */
  nodes?: number;
  /** Cores per node. @defaultValue 24 (an Equinix Metal s3.xlarge: 2 × Xeon Silver 4214) */
  nodeCpu?: number;
  /** The load generator's timeout per request, as a scenario writes it (wrk2 has none). @defaultValue none */
  timeout?: string;
  /**
   * Whether wrk2 runs in a meshed pod (`wrk2`, a source with `from`), as in the harness; false: a
   * traffic source outside the mesh (one proxy fewer per request, no load-generator pod on the nodes).
   * @defaultValue true
   */
  meshedLoadGenerator?: boolean;
  /**
   * wrk2's connections (`-c`), shared by all its sources (two per app, one `connectionGroup`): at most that many
   * requests in flight over all of them; a request due while they are all busy waits (wrk2 counts the wait).
   * @defaultValue 128, the harness's run.sh
   */
  loadGeneratorConnections?: number;
}

/** A service of one emojivoto copy, as a scenario writes it. */
type RawService = Record<string, unknown>;

/**
 * The scenario document. Each copy `i` has `web-i` (HTTP/1.1), `emoji-i` and `voting-i` (gRPC, so
 * HTTP/2) in namespace `emojivoto-i`, one replica each with a 100m CPU request; the load generator
 * alternates `/leaderboard` (web serves an HTML page, no downstream call) and `/api/vote` (web calls
 * emoji `FindByShortcode`, then voting `Vote*`), modelled as two request classes at half the rate each.
 */
export function generateKinvolkEmojivoto(options: KinvolkEmojivotoOptions = {}): Record<string, unknown> {
  const apps = options.apps ?? 60;
  const totalRps = options.totalRps ?? 2000;
  const services: Record<string, RawService> = {};
  const traffic: Record<string, unknown>[] = [];
  const perClassRps = totalRps / apps / 2;
  const timeout = options.timeout === undefined ? {} : { timeout: options.timeout };
  const meshed = options.meshedLoadGenerator ?? true;
  // The load generator's pod, on a node of its own (the harness's load-generator node): it serves
  // nothing; its sidecar carries every request (harness: meshed wrk2).
  if (meshed) {
    services['wrk2'] = {
      namespace: 'benchmark-load',
      replicas: 1,
      concurrency: 1,
      queue: 0,
      serviceTime: '0ms',
      cpuRequest: '100m',
      dedicatedNodes: true,
    };
  }
  const from = meshed ? { from: 'wrk2' } : {};
  // wrk2's connections, shared by every source that stands for it (two per app): one group, one limit.
  const connections = { connections: options.loadGeneratorConnections ?? 128, connectionGroup: 'wrk2' };
  for (let i = 0; i < apps; i++) {
    const namespace = `emojivoto-${i}`;
    services[`web-${i}`] = {
      namespace,
      replicas: 1,
      concurrency: 512,
      queue: 'unbounded',
      serviceTime: { lognormal: { median: '0.3ms', p99: '1.5ms' } },
      cpuRequest: '100m',
      protocol: 'http1',
      calls: [
        { to: `emoji-${i}`, forClasses: ['vote'] },
        { to: `voting-${i}`, forClasses: ['vote'] },
      ],
    };
    for (const name of ['emoji', 'voting']) {
      services[`${name}-${i}`] = {
        namespace,
        replicas: 1,
        concurrency: 512,
        queue: 'unbounded',
        serviceTime: { lognormal: { median: '0.1ms', p99: '0.5ms' } },
        cpuRequest: '100m',
        protocol: 'http2',
      };
    }
    traffic.push(
      {
        name: 'wrk2-leaderboard',
        ...from,
        to: `web-${i}`,
        rate: `${perClassRps}/s`,
        ...connections,
        requestClass: 'leaderboard',
        ...timeout,
      },
      {
        name: 'wrk2-vote',
        ...from,
        to: `web-${i}`,
        rate: `${perClassRps}/s`,
        ...connections,
        requestClass: 'vote',
        ...timeout,
      },
    );
  }
  return {
    name: 'kinvolk-emojivoto',
    description:
      `The Kinvolk service-mesh benchmark as Buoyant ran it (2021): ${apps} copies of emojivoto, one wrk2 at ${totalRps} req/s in total over them, ` +
      `mTLS on, no retries; ${options.nodes ?? 6} workload nodes of ${options.nodeCpu ?? 24} cores. Compare none, linkerd and istio-sidecar.`,
    seed: 2021,
    duration: options.duration ?? '30s',
    // The November 2021 run's releases; --mesh linkerd keeps linkerdVersion (the calibration also runs the May pair).
    mesh: { shape: 'istio-sidecar', istioVersion: '1.12', linkerdVersion: '2.11', mtls: true },
    clusters: [
      {
        name: 'equinix-metal',
        zones: [{ name: 'workload', nodes: options.nodes ?? 6 }],
        nodeCpu: options.nodeCpu ?? 24,
      },
    ],
    services,
    traffic,
    assumptions: [
      "kinvolk-emojivoto: calibration gap: the modelled added median latency is about a quarter of Buoyant's published runs of this harness (Linkerd +6 to +9 ms, Istio +15 to +17 ms over a 6 ms baseline at 2,000 req/s), for both meshes alike, and so is Envoy's memory against the published maximum (about 155 MB): read the added latency and proxy memory as lower bounds (docs/scenarios/kinvolk-emojivoto.md, Calibration).",
      'kinvolk-emojivoto: service times of web (median 0.3 ms) and emoji/voting (0.1 ms) are choices: the harness does not publish them; they set the baseline, not the mesh overhead.',
      meshed
        ? "kinvolk-emojivoto: the wrk2 load generator runs in a meshed pod (service wrk2) on a node of its own, as in the harness; that node has the workload nodes' size (the posts do not give the load generator node's)."
        : 'kinvolk-emojivoto: the wrk2 load generator is a traffic source outside the mesh, so its own sidecar (meshed in the harness) is not modelled: each request passes one proxy fewer than in the benchmark.',
      'kinvolk-emojivoto: wrk2 sends at a constant total rate over 128 keep-alive connections, each connection on its own schedule; here each copy gets Poisson arrivals of its share (33.3 req/s), half leaderboard, half vote (evenly spaced arrivals in phase across 120 sources would arrive in bursts the real harness does not make).',
    ],
  };
}
