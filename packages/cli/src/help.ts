// Help texts of the meshsim binary: the overview (`meshsim --help`) and one page per command.

import { meshShapeNames } from '@meshsim/mesh';

/** Names of the commands, in the order the overview lists them. */
export const COMMANDS = ['list', 'run', 'compare', 'sweep', 'validate', 'import'] as const;

/** A command name. */
export type CommandName = (typeof COMMANDS)[number];

const EXIT_CODES = `Exit codes:
  0  success
  1  simulation or validation error (invalid scenario, unknown scenario name, failed run), or the
     output cannot be written (a full disk, an unwritable --out file)
  2  usage error (unknown command or flag, missing argument, bad flag value, a flag given twice, a --set
     that does not apply, more than 1000 runs without --yes)
  3  a guard stopped the run early (a Zeno loop, too many events, the wall-time or heap budget):
     the results so far are printed, and a line on stderr says why and which flag raises the limit`;

/** The guard flags, shared by run and compare. */
const GUARD_OPTIONS = `  --max-events N    Stop after N events (default 1e9); 'unlimited' for no limit (as for each
                    --max-* flag).
  --max-events-per-instant N
                    Stop when more than N events fire at one simulated instant: simulated time has
                    stopped advancing (a Zeno loop). Default 1000000.
  --max-wall-time D
                    Stop after D of wall time: 90s, 10m, 2h (a bare number is milliseconds, and
                    warns). Default 10m per run.
  --max-heap SIZE   Stop when the memory in use (V8's heap and array buffers) passes SIZE: 1500Mi,
                    2Gi, or a share of V8's heap limit such as 80% (the default).`;

/** The guard flags of compare and sweep: the event guards (wall time and heap are run's budgets). */
const COMPARE_GUARD_OPTIONS = GUARD_OPTIONS.slice(0, GUARD_OPTIONS.indexOf('  --max-wall-time')).trimEnd();

/** `--shape-module FILE`: a flag of every command (main.ts takes it), listed by those that run a scenario. */
const SHAPE_MODULE_OPTION = `  --shape-module FILE
                    Import FILE first (relative to the working directory; repeatable): a module
                    that registers mesh shapes of your own, imported by every worker thread too.`;

/** `meshsim --help`. */
export const MAIN_HELP = `meshsim — simulate service-mesh traffic with a deterministic discrete-event engine.

Usage:
  meshsim <command> [options]
  meshsim <command> --shape-module ./my-shape.mjs [options]
  meshsim <command> --help

Commands:
  list                 List the bundled scenarios with a one-line description.
  run <name|file>      Run a bundled scenario or a scenario file (- reads stdin), print or export it.
  compare <name|file>  Run it under several mesh shapes (same seed) and print them side by side.
  sweep <name|file>    Run a grid of --set overrides × replications on every core; store, resume, shard.
  validate <file...>   Check scenario files; print 'ok <file>' (and its warnings) or every error.
  import <files|dirs>  Turn isotope, Kubernetes, Istio and Linkerd files into a scenario file.
  help [command]       Show this help, or the help of a command.

Options:
  -h, --help           Show help.
  -v, --version        Print the version.
  --shape-module FILE  A flag of every command, before or after its name: import FILE first, a
                       JavaScript module that registers mesh shapes of your own (registerMeshShape);
                       the command and its worker threads then run them. Repeatable.
                       Guide: docs/mesh-shapes/custom-shape.md.

${EXIT_CODES}

Examples:
  meshsim list
  meshsim run retry-storm
  meshsim run retry-storm --seed 7 --duration 30s --json > result.json
  meshsim run ./my-scenario.yaml --mesh none --openmetrics --out metrics.txt
  meshsim run steady-3tier --openmetrics --out istio.om --otlp traces.json --fortio fortio/
  meshsim compare retry-storm --mesh none,library,istio-sidecar
  meshsim run retry-storm --replications 5 --set traffic.0.rate=400
  meshsim sweep retry-storm --set traffic.0.rate=200..800:200 --set mesh=istio-sidecar,linkerd
  meshsim validate scenarios/*.yaml
  meshsim import k8s/ istio/ --graph graph.yaml --out shop.yaml
`;

/**
 * `meshsim <command> --help`. A function, not a table: the mesh shapes it lists are the registry's
 * when the help is asked for (shapes registered at run time included).
 */
export function commandHelp(command: CommandName): string {
  return helpTexts()[command];
}

function helpTexts(): Readonly<Record<CommandName, string>> {
  return {
    list: `Usage: meshsim list [--shapes] [--json]

List the bundled scenarios, one per line: name and description. Run one with 'meshsim run <name>'.

Options:
  --shapes     List the mesh shapes instead: name and what each is (docs/mesh-shapes/).
  --json       Print a JSON array of {name, description} ({name, summary} with --shapes).
  -h, --help   Show this help.
`,
    run: `Usage: meshsim run <name|file|-> [options]

Run a scenario and print its results and its diagnosis: the verdict (stable, degraded-recovered,
metastable, unresolved, degraded), the sustaining loop, work amplification per call depth and how the
cascade spread (docs/analysis.md). <name> is a bundled scenario (see 'meshsim list'); <file> is a
scenario file (.yaml, .yml or .json); - reads the scenario from standard input. The same scenario and
seed always give the same output.

Options:
  --seed N          Root seed of the random streams (a non-negative integer). Default: the scenario's.
                    Not with --set seed=… (give it once).
  --duration D      Simulated duration: 500ms, 30s, 2m, 1h (a bare number is milliseconds, and warns).
                    Default: the scenario's. Not with --set duration=….
  --mesh SHAPE      Mesh shape (see 'meshsim compare --help' for the list). Default: the scenario's.
                    Not with --set mesh=… or mesh.shape=… (mesh options such as
                    --set mesh.loadBalancer=random go with it).
  --set PATH=VALUE  Override a field of the scenario file by its path, e.g. traffic.0.rate=800 or
                    services.checkout.calls.0.retry.attempts=2 (repeatable; one value each here,
                    several values or a range are for meshsim sweep; each path once: not one
                    path twice, nor one inside another's value).
                    A value in quotes stays a string: --set 'mesh.istioVersion="1.20"'; a list
                    item goes by its index: --set services.api.tolerates.0=spot. PATH=null
                    removes an optional field, as if the file did not write it:
                    --set services.checkout.destinationPolicy.retryBudget=null.
  --replications N  Also run N-1 more seeds derived from the root seed and print each headline
                    figure as mean ± 95 % CI (Student t) and the verdict counts (text, --json,
                    --csv --table replications, --metrics meshsim, --html); the rest is the
                    first replication's. Default: 1.
  --workers N       Worker threads for the replications (0: none). Default: MESHSIM_WORKERS, else
                    one per core.
  --yes             Run more than 1000 replications without asking (as sweep's --yes).
  --json            Print the result as JSON (schema: docs/output-formats.md).
  --csv             Print the per-edge summary as CSV.
  --table NAME      With --csv: the table to print: edges (default), proxies (with their cost),
                    versions (one row per service version: canary splits), verdicts (the run's
                    and each traffic source's), nodes (CPU), timeseries (per interval per
                    edge: calls, goodput, failures, retries, p50/p99), service-timeseries (per
                    interval per service: utilisation, queue) or replications (the intervals
                    over --replications, one row).
  --openmetrics     Print Istio's standard metrics (istio_requests_total, ...) in the OpenMetrics
                    text format, one sample per simulated second, for promtool backfilling.
  --metrics NAME    With --openmetrics: istio (default) or meshsim (meshsim_* run totals and the
                    diagnosis).
  --otlp FILE       Also write sampled traces to FILE as OTLP/JSON (for Jaeger, Tempo): one request,
                    or, for FILE.jsonl, requests of up to 512 spans one per line (for large runs).
  --trace-sample R  With --otlp (or --html: its Traces section): share of requests traced, in
                    (0, 1]. Default: 0.01.
  --trace-errors    With --otlp or --html: also keep every trace with a failed span (tail
                    sampling; records every request until it ends, so the run is slower).
  --trace-slower-than D
                    With --otlp or --html: also keep every trace longer than D (e.g. 500ms; a bare
                    number is milliseconds, and warns). With either of these, --trace-sample 0
                    keeps only the traces they pick.
  --trace-keep-share R
                    Keep only this share, in (0, 1], of the traces --trace-errors and
                    --trace-slower-than pick (a retry storm fails most requests). Default: 1.
  --fortio DIR      Also write a Fortio JSON result per traffic source into DIR.
  --smp FILE        Also write a Service Mesh Performance (SMP) test result to FILE.
  --start-time T    Wall-clock time of simulated time 0 in exported timestamps: ISO 8601
                    (2026-01-01T12:00:00Z) or seconds since the epoch. Default: 0 (1970-01-01).
  --out FILE        Write the output to FILE instead of stdout.
  --html FILE       Also write an HTML report to FILE: one self-contained page with charts over
                    time, the call graph and the tables (docs/html-report.md).
  --no-progress     Do not draw the progress bar (it is drawn on stderr when stderr is a terminal,
                    whatever stdout is: simulated time and events, and a line if time stalls; with
                    --replications, then the replications done of N and the time left).
${GUARD_OPTIONS}
${SHAPE_MODULE_OPTION}
  -h, --help        Show this help.

The default output is a text summary. At the end, a line with the wall time and the event rate is
printed to stderr (wall time never appears in the results, which are byte-identical run to run).
A run a guard stops early still prints its results, which then say so and cover the simulated
time reached; the exit code is 3.

${EXIT_CODES}

Examples:
  meshsim run retry-storm
  meshsim run retry-storm --duration 5s --json
  meshsim run ./my-scenario.yaml --seed 1 --csv --out edges.csv
  meshsim run retry-storm --html retry-storm.html
  meshsim run canary-rollout --csv --table versions
  meshsim run steady-3tier --openmetrics --start-time 2026-01-01T12:00:00Z --out istio.om
  meshsim import k8s/ istio/ --graph graph.yaml | meshsim run - --otlp traces.json --trace-sample 0.05
  meshsim run retry-storm --otlp errors.jsonl --trace-sample 0 --trace-errors --trace-keep-share 0.01
  meshsim run retry-storm --replications 5 --set services.frontend.calls.0.retry.attempts=2
`,
    compare: `Usage: meshsim compare <name|file|-> [--mesh a,b,c] [options]

Run the same scenario and seed under each mesh shape and print them side by side: success rate,
end-to-end and per-edge latency added vs 'none' (p50/p99), retries (over every edge, and the edge
that retried most), work per request, proxy count, CPU, memory and cost, each shape's verdict with
its recovery, lowest goodput and peak attempts per request during the faults (and per call on the
edge where they are most), and the policies each shape cannot enforce (warnings). A note says when
one run's p99 falls in a gap of the latencies (unstable from seed to seed: use --replications).
Every run sees the same arrivals and service times (common random numbers), so differences come from
the shapes; with --replications N each shape's figures are reported as mean ± 95 % CI over its
replications, and the differences as paired differences with 95 % CIs, marked n.s. when not
significant. The runs go to worker threads.

Options:
  --mesh LIST       Comma-separated mesh shapes. Default: all of them, in this order:
                    ${meshShapeNames().join(', ')}
  --seed N          Root seed (a non-negative integer; not with --set seed=…). Default: the scenario's.
  --duration D      Simulated duration: 500ms, 30s, 2m, 1h. Default: the scenario's.
  --set PATH=VALUE  Override a field of the scenario file by its path (repeatable; one value each:
                    several are for meshsim sweep; each path once; a value in quotes stays a
                    string: --set 'mesh.linkerdVersion="2.10"').
                    Not the mesh shape (mesh=…, mesh.shape=…): --mesh chooses the shapes; mesh
                    options (--set mesh.loadBalancer=random) apply under every shape. PATH=null
                    removes an optional field, as if the file did not write it.
  --replications N  Seeds per shape (the same seeds for every shape). Default: 1.
  --workers N       Worker threads (0: none). Default: MESHSIM_WORKERS, else one per core.
  --yes             Make more than 1000 runs (shapes × replications) without asking.
  --json            Print the comparison as JSON (schema: docs/output-formats.md).
  --csv             Print the comparison as CSV: one row per mesh shape (with --replications,
                    the paired differences vs the baseline in more columns).
  --out FILE        Write the output to FILE instead of stdout.
  --html FILE       Also write an HTML report to FILE: bars per shape side by side, success over
                    time, tables and warnings (docs/html-report.md).
  --trace-sample R  With --html: trace this share of requests, in (0, 1], under every shape; the
                    report draws the same request under each shape (where each adds its time).
  --no-progress     Do not print a line per finished run on stderr.
${COMPARE_GUARD_OPTIONS}
                    Each run is bounded by these; --max-wall-time and --max-heap are run's.
${SHAPE_MODULE_OPTION}
  -h, --help        Show this help.

${EXIT_CODES}

Examples:
  meshsim compare overhead-3tier
  meshsim compare retry-storm --mesh none,istio-sidecar --duration 30s --json
  meshsim compare node-failure --mesh none,istio-sidecar,istio-ambient --html compare.html
  meshsim compare overhead-3tier --mesh none,linkerd,istio-sidecar --html c.html --trace-sample 0.01
  meshsim compare overhead-3tier --csv --out shapes.csv
  meshsim compare budget-vs-retries --mesh none,linkerd --replications 10
`,
    sweep: `Usage: meshsim sweep <name|file|-> --set PATH=VALUES [--set ...] [options]
       meshsim sweep merge [--store OUT] SHARD...

Run the grid of --set overrides (every combination, first --set slowest) × replications on worker
threads, store one row per run and per edge in a DuckDB file, and print one line per grid point: its
verdicts and headline figures as mean ± 95 % CI. Results are identical whatever the number of
workers. A re-run skips the runs already in the store, so an interrupted sweep resumes (Ctrl-C leaves
only whole runs). Store columns and example queries: docs/analysis.md.

VALUES is a comma list of distinct values, where an item a..b:step is a range (200..2000:200,
100ms..500ms:100ms; a step that misses b stops below it, and a line on stderr says so), and null
removes an optional field, as if the file did not write it: with and without a policy the file
sets is --set services.checkout.destinationPolicy.retryBudget=null,linkerd. A value is one word,
number or string: an object ({attempts: 3}) is set by its fields (….retry.attempts=1,3).

Options:
  --set PATH=VALUES Override a field of the scenario file by its path, with one or more values
                    (each path once: an axis lists all its values in one --set).
  --replications N  Seeds per grid point, derived from the root seed. Default: 1.
  --workers N       Worker threads (0: none). Default: MESHSIM_WORKERS, else one per core.
  --store FILE      The DuckDB results store. Default: meshsim-sweep.duckdb (with --shard k/N:
                    meshsim-sweep.shard-k-of-N.duckdb).
  --shard K/N       Run only slice K of N (runs i with i mod N = K-1). Default: from Kubernetes'
                    JOB_COMPLETION_INDEX and JOB_COMPLETIONS when set (an Indexed Job).
  --boundary        With one --set PATH=LOW..HIGH (no step): per point of the other --set axes,
                    bisect that range for the value where the verdict turns from recovered to not
                    recovered, and print the boundary map.
  --csv FILE        Also export a table of the store as CSV.
  --table NAME      With --csv: runs (default), settings or edges.
  --seed N          Root seed (a non-negative integer; not with --set seed=…). Default: the scenario's.
  --duration D      Simulated duration: 500ms, 30s, 2m, 1h. Default: the scenario's.
  --yes             Run a grid of more than 1000 runs (points × replications) without asking.
  --json            Print the summary (or the boundary map) as JSON.
  --out FILE        Write the output to FILE instead of stdout.
  --no-progress     No progress on stderr: a redrawn bar on a terminal; elsewhere a line
                    "[k/N] runs done at T s, ETA …" at most every 5 s and every 1 % of the runs.
${COMPARE_GUARD_OPTIONS}
                    Each run is bounded by these; a run they stop is stored and listed as stopped
                    (not diagnosed), with the limits it ran with: a re-run keeps it under the same
                    limits (it would stop again) and runs it again under others.
                    --max-wall-time and --max-heap are run's.
${SHAPE_MODULE_OPTION}
  -h, --help        Show this help.

Exit codes:
  0  success
  1  simulation or validation error, an unreadable store
  2  usage error (bad flag, a --set that does not apply, a grid over 1000 runs without --yes)
  3  a guard stopped a run early: it is stored with verdict 'stopped' (not diagnosed), the output
     lists it, and a line on stderr says which flag raises the limit
  130  interrupted (Ctrl-C): the runs finished so far are stored; run again to resume

Examples:
  meshsim sweep retry-storm --set traffic.0.rate=200..800:200 --set mesh=istio-sidecar,linkerd --replications 3
  meshsim sweep retry-storm --set traffic.0.rate=100..600 --set services.frontend.calls.0.retry.attempts=1,2,3 --boundary
  meshsim sweep retry-storm --set traffic.0.rate=200..800:100 --shard 2/4 --store shard-2.duckdb
  meshsim sweep merge --store all.duckdb shard-1.duckdb shard-2.duckdb shard-3.duckdb shard-4.duckdb
`,
    validate: `Usage: meshsim validate <file...> [--json]

Check scenario files without running them. Prints 'ok <file>' on stdout for each valid file, and
every error of each invalid file on stderr (file:line:column, field path and reason). The warnings
'meshsim run' would give about a valid file before it runs (a duration written as a bare number,
which is milliseconds; a timeout shorter than its callee's service time, Pending pods, options the
mesh shape does not use, policies it cannot enforce…) follow
its 'ok' line on stderr, each as 'warning: file:line:column: field path: warning'. - reads a
scenario from standard input.

Options:
  --json       Print one JSON report on stdout instead: every file, valid or not, with its errors
               (issues) and warnings (file, path, reason, line, column each).
  -h, --help   Show this help.

Exit codes:
  0  every file is valid (warnings or not)
  1  at least one file is invalid or unreadable
  2  usage error (no file given, unknown flag)
`,
    import: `Usage: meshsim import <files or dirs...> [--graph FILE] [--rate R] [--name NAME] [--out FILE]

Turn an isotope service graph (MockServiceGraph); Kubernetes Namespaces, Nodes, Deployments,
StatefulSets, HorizontalPodAutoscalers, DaemonSets and Services; Istio VirtualServices, DestinationRules, PeerAuthentications,
AuthorizationPolicies and Sidecars; and Linkerd ServiceProfiles, HTTPRoutes and policy annotations
into a scenario file.
Directories are read recursively (*.yaml, *.yml, *.json); multi-document YAML is fine; - reads standard
input (one YAML or JSON stream, shown as <stdin>; ./- is a file named -). Each part of
the scenario carries a comment saying where it came from; every field meshsim does not model is a
warning on stderr ('note:' lines say how a value such as a 0 was read). Mapping and limits: docs/import.md.

The call graph, service times and traffic come from an isotope graph or a --graph fragment (a partial
scenario). Without either, the scenario has placeholder service times and traffic, marked as such.
Containers' CPU requests and limits (a namespace's LimitRange defaults included) become the
services' cpuRequest and cpuLimit, their memory ones memoryRequest and memoryLimit; they take effect
when the nodes have a size: Nodes (kubectl get nodes -o yaml) give the cluster's zones, nodes,
nodeCpu, nodeMemory and nodeMaxPods, or a fragment gives them. Nodes'
pool labels make node pools of their own size (shared when untainted); a workload's nodeSelector or
required node affinity on one runs its service there, its tolerations of a tainted one let it run
there too. Sidecar CPU and memory requests and limits (pod annotations, an injected proxy container's,
or the running Pods' from kubectl get pods -o yaml) become the mesh's or the service's proxyCpuLimit,
proxyCpuRequest, proxyMemoryRequest and proxyMemoryLimit. DaemonSets (kubectl get daemonsets -A -o yaml):
Istio's ztunnel and istio-cni-node give the mesh's ztunnel and istioCni requests, the others
(kube-proxy, log agents) the scenario's daemonSets, a pod slot and requests on every node.

Options:
  --graph FILE      A partial scenario (services, calls, traffic, faults, duration, nodeCpu, ...)
                    merged with what is imported; its values win, each override is a warning.
  --rate R          Traffic rate of each entry point when the inputs give none: 200/s, 12000/m, 50
                    (not used, warned, when the --graph fragment has traffic).
                    Default: 100/s (a placeholder, listed in the scenario's assumptions).
  --name NAME       The scenario's name. Default: the fragment's, else the first input's name.
  --out FILE        Write the scenario to FILE instead of stdout.
  -h, --help        Show this help.

Exit codes:
  0  the scenario was written (warnings may have been printed)
  1  import error: missing or malformed input (file:line:column), nothing importable, a
     scenario the loader rejects, an unwritable output file
  2  usage error (no input given, unknown flag, bad flag value)

Examples:
  meshsim import k8s/ istio/ --graph graph.yaml --out shop.yaml
  kubectl get nodes -o yaml > nodes.yaml; meshsim import nodes.yaml k8s/ --out shop.yaml
  meshsim import isotope/topology.yaml --rate 500/s --out topology.yaml && meshsim run topology.yaml
  kubectl get destinationrules,virtualservices -n shop -o yaml | meshsim import k8s/ - --graph graph.yaml
`,
  };
}

/** The hint printed after a usage error: `run 'meshsim --help' …`, naming the command's help too. */
export function usageHint(command: string | undefined): string {
  return command === undefined
    ? `run 'meshsim --help' for usage`
    : `run 'meshsim --help' or 'meshsim ${command} --help' for usage`;
}
