// MODEL_REVISION must change whenever the model's results do: the bundled scenarios' golden outputs are
// hashed, and each revision is tied to the digest of its goldens. Changed goldens with the same revision fail here.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { MODEL_REVISION } from '@meshsim/mesh';
import { describe, expect, it } from 'vitest';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/**
 * The digest of the bundled goldens under each model revision. When the goldens change (results changed), raise
 * `MODEL_REVISION` in packages/mesh/src/modelRevision.ts and add its digest here; never edit an earlier entry, so a
 * sweep store's runs are never reused by a model that computes them differently. Raise it too, with the same digest,
 * for a change that moves other scenarios' results but not the bundled ones'. A change of wording only (a warning's
 * text; every figure the same) updates the current revision's digest instead: stored runs stay valid.
 */
const GOLDEN_DIGESTS: Readonly<Record<number, string>> = {
  1: 'c171d70944219a2075ee798c5ace32c46f6f097b976f05bfad4c4d5b5c825df1',
  // A pod's QoS class counts memory (Guaranteed needs every memory limit equal to its request): no bundled scenario
  // has such a pod, so their goldens stay, but other scenarios' results change.
  2: 'c171d70944219a2075ee798c5ace32c46f6f097b976f05bfad4c4d5b5c825df1',
  // A run a guard stopped early gets the verdict `stopped` (not `stable`), and a run where no call completed a null
  // success ratio (not 1): no bundled scenario stops or goes without calls, but stored runs of others differ. Its
  // goldens also differ from 2's in one warning's wording only (`fault at 10 s`, was `fault at 10000 ms`, in
  // node-failure's golden): text, not results.
  3: '8b89c69fe6b92e9424a53ce1e60173328df2323cf3a51b3feffdf4d9ab3c04ef',
  // A stopped run's goodput is over the simulated time it reached, and a run whose last event is exactly its
  // `maxEvents`-th is no longer stopped by that guard: no bundled scenario stops, but stored runs of others differ.
  4: '8b89c69fe6b92e9424a53ce1e60173328df2323cf3a51b3feffdf4d9ab3c04ef',
  // CPU counts the work done within the run (not what an overloaded proxy, or a saturated node, still had queued at
  // its end): the bundled goldens stay, but overloaded runs of other scenarios report less CPU.
  5: '8b89c69fe6b92e9424a53ce1e60173328df2323cf3a51b3feffdf4d9ab3c04ef',
  // The diagnosis changed, so stored runs' verdicts, recovery times and reasons differ: recovery is where goodput stays
  // in the band (a backlog burst no longer pulls seconds at 0 % into it), a source's warm-up is left out of its
  // reference and windows, goodput ratios are capped at 1, and a run too short to judge is `unresolved`. The bundled
  // goldens (simulation results only) stay.
  6: '8b89c69fe6b92e9424a53ce1e60173328df2323cf3a51b3feffdf4d9ab3c04ef',
  // An edge with no completed call has a null success ratio (was 1), in the result and in the store's edge rows, and
  // so has a service version that answered nothing: no bundled golden holds them, but stored edge rows of other
  // scenarios differ.
  7: '8b89c69fe6b92e9424a53ce1e60173328df2323cf3a51b3feffdf4d9ab3c04ef',
  // An attempt routed to a version with no endpoint up fails as no-endpoints (503, no healthy upstream), as Envoy and
  // Linkerd answer, instead of going to another version's endpoint; its counter is `split-version-down` (was
  // `split-fallback`). canary-rollout's golden holds the counter (0); the runs of scenarios whose canary crashes differ.
  8: '409b72e106b4fd73ab7bc6815735237a49d3f5a44789fb8ba2c539f72179a13a',
  // Placement spreads each service's pods over the zones holding the fewest of them (PodTopologySpread's default zone
  // constraint), then by LeastAllocated over all those zones' nodes, instead of sending replica i to zone i mod Z: a
  // service's first pod, and a waypoint's, no longer always lands in the first zone. Multi-zone scenarios' pods
  // (steady-3tier, canary-rollout, instance-crash, the platform-40 family) move, so their results differ.
  9: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // End-to-end p50/p99 are percentiles of all traffic sources' successful calls together (the result's
  // endToEndLatency), no longer the calls-weighted mean of each source's: stored runs with several sources differ.
  10: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // Istio's default retry policy follows istioVersion: 1.4–1.23 also retry 503s (`overflow`), as Istio did before
  // PR #52111 (1.24). kinvolk-emojivoto (1.12) answers no 503, so the bundled goldens stay; runs of scenarios pinned
  // to an older Istio whose calls set no retry and meet 503s differ.
  11: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // Outlier detection's cap follows the mesh's Envoy release: istio-sidecar 1.4–1.16 (Envoy before 1.28) always lets
  // the first ejection pass maxEjectionPercent. No bundled scenario pins such a release with outlier detection, so the
  // goldens stay; runs of scenarios that do differ.
  12: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // The reason of a source down with no trigger to blame (down before any trigger, or down with none at all) names
  // how its calls failed and says the load only when something it reaches was overloaded (was: `the load alone
  // exceeds what the system serves` whatever the cause), and a stable or recovered source whose reference goodput is
  // under 95 % is lossy and says what it loses: stored runs' reasons differ. The bundled goldens (simulation results
  // only) stay.
  13: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // The diagnosis changed, so stored runs' verdicts and reasons differ: a source whose calls pile up (calls in flight
  // growing through the second half of the run, an overloaded queue) is degraded, never stable or recovered; and a
  // rate schedule ending at 0 spikes above its lowest non-zero rate, not above 0 (a ramp 0 → 400 → 0 is no trigger,
  // so its verdict can differ). The bundled goldens (simulation results only) stay.
  14: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // A window under the band's floor by no more than sampling noise (< 4 binomial standard deviations) is within the
  // band: a healthy 5 req/s source with a 1 % error rate read degraded-recovered. Stored runs' verdicts can differ;
  // the bundled goldens (simulation results only) stay.
  15: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // Envoy's max_retries and retry budget count a retry from its decision, through its backoff, until its attempt
  // ends (Envoy's `retries` resource), not only while its attempt is outstanding: with a backoff as long as the
  // service time, far fewer retries get through a small maxRetries. No bundled scenario's retries overlap a backoff
  // under a limit, so the goldens stay; runs of others with connectionPool.maxRetries or an Envoy budget differ.
  16: 'aac22dbd3cdf53ea59d4b5dc30209e2500861036d1df68aa24e6cb6809194c4e',
  // Istio's proxies (sidecars, ambient waypoints) redraw a retry's endpoint, up to 5 times, while it is one the call
  // already tried (Envoy's previous_hosts predicate with host_selection_retry_max_attempts 5, which pilot sets on its
  // default and VirtualService retries): each redraw is a whole balancer pick, so the balancers' streams move too.
  // Goldens of scenarios with retries under istio-sidecar change (retry-storm, load-spike, the platform-40 family…).
  17: '4bd954cf717cc9e8aecf2e358efc806abe124934ae2550d4a33fb2336500b030',
  // Retry conditions follow Envoy's router: an Envoy hop never retries no-endpoints (503 "no healthy upstream") and a
  // call's version split is drawn once, its retries staying in that version; retryOn reset retries per-try timeouts;
  // Istio's default retry no longer retries resets (its refused-stream matches only a REFUSED_STREAM reset), so the
  // requests of crashed or restarting pods fail: platform-40-zone-outage and platform-40-control-plane-rollout change
  // (the latter's verdict, borderline, reads stable instead of degraded-recovered).
  18: '40065289d1a8956738ee2424d71a0dff55d14795a3986e74036fd4da8df32e20',
  // A crashed node is powered off by default: nothing on it answers (calls wait for their timeouts, new connections
  // for the connect timeout) and its pods stay in the endpoints until the node-monitor grace period (50 s) has passed;
  // `crashNode: { reachable: true }` keeps the clean kill. node-failure's golden changed (failover-overload now asks
  // for the clean kill and keeps its own).
  // Its goldens also differ from the first digest in layout only: the policies' times in a state (`breaker-open`,
  // `outlier-ejected-host` [ms]) moved from an edge's policyEvents to its policyTimeMs, every figure the same (the
  // store holds no policy counter), so stored runs stay valid.
  19: '2274f9bc18d096087d254d3e60803e9867d00a25d6137fd38c3790a7698e0eda',
  // Four changes (branch misc-23). (1) Istio never ejects by success rate (istiod sets enforcing_success_rate 0):
  // under istio-sidecar, istio-ambient's waypoints and layered on either, outlier detection runs without it —
  // control-plane-outage's golden changes (2 success-rate ejections become consecutive-5xx ones: 45 failed calls, was
  // 38). (2) A request cancelled (deadline propagation) or reset part-way counts only the CPU it used, without node
  // CPU: services' cpuCores drop (not in the goldens). (3) A 503 a service answers for a failed dependency is the new
  // cause service-unavailable, not rejected: results' failures gain a key, such edges move from rejected to it.
  // (4) A callee's rate limit (429) counts as load in loss reasons: stored runs' reasons can differ.
  20: '14d892297c46ff395de954ffa7cba1a30e3416f3408cebe00a00e201ec92f46b',
  // A shared enforcing proxy holds the policy state of every call it enforces: an ambient waypoint replica (chosen
  // once per call, its retries through it) and Cilium's node Envoy keep one connection pool, outlier detector, retry
  // budget, balancer and local rate-limit bucket, not one per calling pod; and a waypoint retries nothing that failed
  // before it (itself or the caller's ztunnel down). No bundled scenario has a waypoint or runs under cilium, so the
  // goldens stay; other scenarios' results (waypoints, cilium with L7 policies) change.
  21: '14d892297c46ff395de954ffa7cba1a30e3416f3408cebe00a00e201ec92f46b',
  // istio-ambient's HBONE connections follow ztunnel's source: a pool per (caller pod, destination pod or waypoint
  // replica), not per (caller service, node pair) — more connections and TLS handshakes — at most 100 streams each,
  // idle 5 min; and keep-alive pings (every 10 s, torn down after 20 s unanswered, reset by a peer back from a reboot)
  // fail the requests on a dead connection as resets. node-failure's golden changes (ambient: the powered-off node's
  // connections are reset when it comes back; 7827 failed pages, was 9836; verdict degraded-recovered, was metastable).
  22: '6ec9a4f7c95c434e060c3040dbb678cc21fc23c930fc49b3b9a6ff125d2228f4',
  // VPC Lattice (the bundled goldens are unchanged since 22, runs under vpc-lattice and layered differ):
  // layered's calls between clusters follow Lattice's rules (no outlier detection or proxy retries, round robin,
  // endpoints kept by Lattice's health checks); no health checks for HTTP/2 services; callers connect to Lattice
  // (one pool per caller and Lattice service), which answers 502/504 for a target that does not answer; each Lattice
  // service's first 300,000 requests an hour are free.
  23: '6ec9a4f7c95c434e060c3040dbb678cc21fc23c930fc49b3b9a6ff125d2228f4',
  // Three changes. (1) An application crash behind an Envoy sidecar that stays up reaches callers as
  // the sidecar's 503 (service-unavailable), not a refused or reset connection; Istio 1.24's default retry does not
  // retry it (1.23 and older do), and `overflow` covers every upstream 503: control-plane-outage's and the platform-40
  // cascades' goldens change (platform-40-control-plane-rollout is now degraded-recovered). (2) A powered-off node
  // returns rebooted: connections opened before the crash are reset at their next use (failover-overload,
  // node-failure). (3) A callee's connectionPool.connectTimeout sets its callers' sidecars' connect timeout (no
  // bundled scenario sets it). Results also gain nodeCrashes when a crashNode fault started.
  24: 'f68d0cfdfb2addd8fa111154cec811169064fe2f43eb18a2fd76ed43a9b3aadd',
  // A request sent on a connection its rebooted peer killed brings the reset back for every request that connection
  // still carried (a pinging HBONE pool tracks them), not only its own: node-failure's ambient run fails the pages
  // held on node-1's HBONE connections at the first use after its return, as with revision 22.
  25: 'a42d3dccc587d194dd0f5b6f5dea304956b742a8a6faa8086727e84ddd89090a',
  // (1) A crashed caller-side proxy retries nothing: a sidecar (or Cilium node Envoy) that is down makes no retries of
  // its pod's calls, and a connection to a waypoint torn down is not retried by it. (2) A proxy or application that
  // crashed on a live node restarts without its connections: peers open new ones. failover-overload's and
  // node-failure's crashed sidecars and ztunnels, and instance-crash's applications, reconnect after their restart.
  26: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // Goodput counts a success in the interval its call was offered in when it completed by the end of the next one
  // (the series' new goodput), and calls in flight that follow a source's rising rate (Little's law) are no pile-up:
  // a healthy source of 0.5 req/s read degraded, a ramp with calls of seconds piled up. Stored verdicts of such runs
  // differ; every bundled verdict and golden stays the same.
  27: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // Envoy has no failure accrual and no error-rate breaker, and Linkerd no error-rate breaker: under the Envoy shapes
  // (istio-sidecar, waypoints, consul, Cilium's node Envoy, app-mesh) and linkerd those policies are no longer
  // applied (warned instead). No bundled scenario asks for them under such a shape; stored runs of others differ.
  28: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // A run longer than an hour records its series (and request-series samples) at a wider interval — 2 s up to 2 h, 5 s
  // up to 5 h, … (at most 3600 per series) — and so fires fewer engine events: its series, event count and the
  // diagnosis read from them differ. Every bundled scenario runs under an hour, so the goldens stay.
  29: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // 30: an ambient waypoint replica on a powered-off node leaves the callers' choice once the node controller marks it
  // NotReady (and returns with its node), and a powered-off retrying hop neither times out nor retries the attempts it
  // holds. No bundled scenario powers off a node hosting one of several waypoint replicas: the goldens stay.
  30: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // A written mesh.defaultPolicy is not applied where no hop runs request policies: Cilium's eBPF-only calls and VPC
  // Lattice applied it (ambient without a waypoint and none already did not); no bundled scenario writes one there.
  31: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // A source whose normal calls take seconds counts a success within a grace of its normal latency (p99 lateness
  // + 1 intervals) where its call was offered, read from the successes by lateness its entry edge now keeps; the
  // judged span and the reference end that grace early. Stored verdicts of such sources differ; every bundled
  // source's calls take under a second or so (a grace of 1, as before): the goodput goldens stay.
  32: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // An application crash behind a Linkerd proxy that stays up reaches its callers as the proxy's 502, not a refused or
  // reset connection (their connections to the proxy stay open).
  33: 'b571353cd7af5640af992a890336e528c936fc3585c53f4a45caafb3da03f1ad',
  // 34: a proxy process that crashes on a live node fails what it held at its crash (the requests it forwarded and
  // had not answered, the calls it waited to retry), as resets, even if it is back before their responses; a dead
  // retrying hop runs no timers; a new connection to a process down on a live node is refused (a RST) a round trip
  // later, without TLS; a restarted proxy starts with empty policy state (ejections, breakers, budgets, balancer).
  // failover-overload's clean node kill, node-failure's proxy crashes and instance-crash change.
  34: '1deaa5343122a99ad7058835489d66fa7ad1c31c7d75342da381edaed4c7ed2d',
  // 35: a connectionPool's unwritten thresholds are Istio's 2³²−1 (no limit) under istio-sidecar and istio-ambient, not
  // Envoy's 1024 / 3 concurrent retries; refusals by max_retries count as retry-overflow, not retry-budget-denied
  // (which only a retryBudget counts). connection-pool-exhaustion's only change is that counter's name: its written
  // maxRequests 20 binds, and nothing overflowed its max_retries.
  35: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 36: under Istio's shapes a connectionPool threshold written as 0 is unset (2³²−1, no limit), as istiod reads it,
  // with a warning at the field; elsewhere a 0 stays Envoy's limit of 0. Under consul a written maxRetries is not
  // applied (Consul's Limits have no max_retries: Envoy's 3 stands), warned. No bundled scenario writes either.
  36: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 37: under linkerd, an endpoint whose connect failed (refused, or its connect timeout passed) is not picked while
  // its caller's proxy backs off and reconnects (linkerd2-proxy's Reconnect under its P2C balancer). No bundled
  // scenario crashes a Linkerd callee, so the goldens stay; other scenarios' results change. Under the Istio shapes a
  // call that writes a timeout but no retry keeps the mesh's default retry, and a retry written without retryOn retries
  // on Istio's default conditions, not [5xx] (no bundled run's retries change). A crashed sidecar makes its pod
  // NotReady, so callers' endpoints drop it after the update delay (node-failure's golden runs istio-ambient, where the
  // sidecar fault does nothing). onDependencyFailure: passthrough passes on what the application received: a 503
  // where its Envoy hop answered a refused or reset connection (no bundled scenario passes one through).
  37: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 38: appRetry judges what the application received: behind an Envoy retrying hop a refused or reset connection, or
  // no endpoint, is that Envoy's 503 (passthrough already passed it on so). No bundled scenario's appRetry meets one.
  38: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 39: under app-mesh a call that writes only a timeout keeps App Mesh's default retry, as under the Istio shapes (a
  // route's timeout and retryPolicy are separate fields). No bundled scenario writes one under app-mesh.
  39: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 40: under linkerd, a request that finds no ready endpoint (every one backing off, or none listed) waits in the
  // caller proxy's balancer queue until one is ready; at the 3 s failfast the waiting requests fail (504) and new
  // ones are refused at once (503) until an endpoint is ready (linkerd2-proxy's queue and failfast). Before, the pick
  // took any endpoint. No bundled scenario leaves a Linkerd balancer without a ready endpoint: the goldens stay.
  40: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 41: under cilium a call's own timeout and retry no longer send its destination through the node Envoy (only a
  // policy only Envoy runs does); calls through it use Cilium's Envoy connections (2 s connect, 60 s idle timeouts) and
  // round robin; the cilium-envoy DaemonSet runs on every node (its memory and pod counted); an edge is mTLS only with
  // mutual authentication and encryption both on. No bundled golden runs cilium: the goldens stay.
  41: '7db31963ea8abe6c13a840998d4cc517c4536973e3e12b5aa8ec6229797b9db8',
  // 42: an edge records its outlier detectors (`outlierDetectors`: the calling proxies that kept one for the
  // destination), so its ejected host·ms can be read per caller; a duration of 0 reads `0 s` in a fault's warning.
  // outlier-ejection's and control-plane-outage's goldens hold the count; every figure the same.
  42: '17c2be60336d026a61a335aba00ab4639fd2cbd1146588b41c4821c7233eb3da',
  // 43: a memory size with a decimal suffix is read exactly, as Kubernetes reads it (`1.001k` is 1001 bytes, not
  // 1000.9999999999999), so a node and its pods' requests compare as Kubernetes compares them. No bundled scenario
  // writes such a size: the goldens stay.
  43: '17c2be60336d026a61a335aba00ab4639fd2cbd1146588b41c4821c7233eb3da',
  // 44: linkerd2-proxy's own retry rule for its balancer's errors: a load-shed 503 is never retried, a failfast 504
  // always is when the route retries, whatever its conditions. No bundled scenario leaves a Linkerd balancer without
  // a ready endpoint: the goldens stay.
  44: '17c2be60336d026a61a335aba00ab4639fd2cbd1146588b41c4821c7233eb3da',
  // 45: the diagnosis counts a crashLoop fault's trigger until its containers' restart after the fault's end (the
  // kubelet's backoff), not the fault's end: stored verdicts and recovery times of crash-loop runs differ (metastable
  // becomes unresolved or degraded-recovered). Simulation results are unchanged; no bundled scenario crash-loops.
  45: '17c2be60336d026a61a335aba00ab4639fd2cbd1146588b41c4821c7233eb3da',
  // 46: under linkerd a retry waits Linkerd's own 25–250 ms backoff, never retries a failed connection or a reset, and
  // always retries a per-try timeout (linkerd2-proxy's route retry policy); no bundled scenario retries under linkerd.
  46: '17c2be60336d026a61a335aba00ab4639fd2cbd1146588b41c4821c7233eb3da',
};

/** SHA-256 of every golden file's name and content, in name order (line endings normalised). */
function goldenDigest(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(GOLDEN_DIR).sort()) {
    hash.update(`${name}\n`);
    hash.update(readFileSync(GOLDEN_DIR + name, 'utf8').replace(/\r\n/g, '\n'));
  }
  return hash.digest('hex');
}

describe('MODEL_REVISION', () => {
  it('is the latest revision listed, and the bundled goldens are those it was recorded with', () => {
    const revisions = Object.keys(GOLDEN_DIGESTS).map(Number);
    expect(MODEL_REVISION).toBe(Math.max(...revisions));
    const digest = goldenDigest();
    expect(
      digest,
      `the bundled goldens changed: raise MODEL_REVISION to ${MODEL_REVISION + 1} and add "${MODEL_REVISION + 1}: '${digest}'" to GOLDEN_DIGESTS`,
    ).toBe(GOLDEN_DIGESTS[MODEL_REVISION]);
  });
});
