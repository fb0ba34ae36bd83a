// Usage errors of the real binary (exit 2) for command lines that are valid flag by flag but would be silently
// resolved otherwise, and the hints they give: a mistyped flag's "did you mean".

import { existsSync } from 'node:fs';

import { beforeAll, describe, expect, inject, it } from 'vitest';

import { tempDir } from './__helpers__/tempDir.js';
import { meshsim } from './__helpers__/meshsimBin.js';

const build = inject('cliBuild');

/** The first line of stderr of a run that must fail with a usage error (exit 2, nothing on stdout). */
function usageError(...args: string[]): string {
  const { code, stdout, stderr } = meshsim(...args);
  expect({ code, stdout }, stderr).toEqual({ code: 2, stdout: '' });
  return stderr.split('\n')[0] ?? '';
}

beforeAll(() => {
  if (!existsSync(build.binPath)) {
    throw new Error(`the CLI was not built (${build.binPath} missing):\n${build.output}`);
  }
});

describe('a mistyped flag', () => {
  it('names the flag of the command it is closest to', () => {
    expect(usageError('run', 'retry-storm', '--duraton', '5s')).toBe(
      `meshsim: unknown flag '--duraton' for 'meshsim run' (did you mean "--duration"?)`,
    );
    expect(usageError('compare', 'retry-storm', '--meshes=none,linkerd')).toBe(
      `meshsim: unknown flag '--meshes' for 'meshsim compare' (did you mean "--mesh"?)`,
    );
    expect(usageError('sweep', 'retry-storm', '--replication', '3')).toBe(
      `meshsim: unknown flag '--replication' for 'meshsim sweep' (did you mean "--replications"?)`,
    );
    expect(usageError('--versoin')).toBe(`meshsim: unknown flag '--versoin' (did you mean "--version"?)`);
    expect(usageError('rnu', 'retry-storm')).toBe(
      `meshsim: unknown command 'rnu' (did you mean "run"?) (commands: list, run, compare, sweep, validate, import)`,
    );
  });

  it('gets no hint when no flag is close, or for a short flag', () => {
    expect(usageError('run', 'retry-storm', '--frobnicate')).toBe(
      `meshsim: unknown flag '--frobnicate' for 'meshsim run'`,
    );
    expect(usageError('run', 'retry-storm', '-x')).toBe(`meshsim: unknown flag '-x' for 'meshsim run'`);
  });
});

describe('a mistyped mesh shape on the command line', () => {
  const shapes =
    'none, library, istio-sidecar, istio-ambient, linkerd, cilium, app-mesh, consul, vpc-lattice, layered';

  it('--mesh names the shapes it may stand for, by the rule of a scenario file mesh: field', () => {
    const flag = (value: string, hint: string): string =>
      `meshsim: invalid value for --mesh: '${value}' (did you mean ${hint}?) (expected one of: ${shapes})`;
    expect(usageError('run', 'retry-storm', '--mesh', 'istio-ambiant')).toBe(
      flag('istio-ambiant', '"istio-ambient"'),
    );
    expect(usageError('run', 'retry-storm', '--mesh', 'cillium')).toBe(flag('cillium', '"cilium"'));
    expect(usageError('run', 'retry-storm', '--mesh', 'istio')).toBe(
      flag('istio', '"istio-sidecar" or "istio-ambient"'),
    );
    expect(usageError('compare', 'retry-storm', '--mesh', 'none,cilium-service-mesh')).toBe(
      flag('cilium-service-mesh', '"cilium"'),
    );
  });

  it('--mesh with nothing close says how a shape of your own is loaded', () => {
    expect(usageError('run', 'retry-storm', '--mesh', 'kuma')).toBe(
      `meshsim: invalid value for --mesh: 'kuma' (expected one of: ${shapes}; a shape of your own: ` +
        'load the module that registers it with --shape-module FILE)',
    );
  });

  it('--set mesh.shape= and --set mesh= get the same hint', () => {
    const quoted = shapes
      .split(', ')
      .map((shape) => JSON.stringify(shape))
      .join(', ');
    for (const path of ['mesh.shape', 'mesh']) {
      expect(usageError('run', 'retry-storm', '--set', `${path}=ambient`)).toBe(
        `meshsim: --set ${path}=ambient: ${path}: must be one of ${quoted} (got "ambient") (did you mean "istio-ambient"?)`,
      );
    }
  });
});

describe('a field given by a flag and by --set', () => {
  it('--seed and --set seed: give the seed once (the --set would win), in run, compare and sweep', () => {
    for (const command of ['run', 'compare', 'sweep']) {
      expect(usageError(command, 'retry-storm', '--seed', '3', '--set', 'seed=5')).toBe(
        'meshsim: give the seed once: --seed or --set seed=…, not both',
      );
    }
  });

  it('run --mesh and a --set of the shape (mesh=…, mesh.shape=…): give the mesh shape once', () => {
    expect(usageError('run', 'retry-storm', '--mesh', 'linkerd', '--set', 'mesh=consul')).toBe(
      'meshsim: give the mesh shape once: --mesh or --set mesh=…, not both',
    );
    expect(usageError('run', 'retry-storm', '--set', 'mesh.shape=consul', '--mesh', 'linkerd')).toBe(
      'meshsim: give the mesh shape once: --mesh or --set mesh.shape=…, not both',
    );
  });

  it('compare refuses any --set of the shape, with or without --mesh: it chooses the shapes with --mesh', () => {
    const message = (set: string): string =>
      `meshsim: --set ${set}: 'meshsim compare' chooses the mesh shapes with --mesh (e.g. --mesh none,linkerd), not --set; mesh options stay settable (--set mesh.loadBalancer=random)`;
    expect(usageError('compare', 'retry-storm', '--mesh', 'none,linkerd', '--set', 'mesh.shape=consul')).toBe(
      message('mesh.shape=consul'),
    );
    expect(usageError('compare', 'retry-storm', '--set', 'mesh.shape=linkerd')).toBe(
      message('mesh.shape=linkerd'),
    );
    expect(usageError('compare', 'retry-storm', '--set', 'mesh=linkerd')).toBe(message('mesh=linkerd'));
  });

  it('compare still takes mesh options by --set, applied under every shape', () => {
    const { code, stdout, stderr } = meshsim(
      ...['compare', 'retry-storm', '--mesh', 'none,linkerd', '--duration', '1s', '--json', '--no-progress'],
      ...['--set', 'mesh.loadBalancer=random'],
    );
    expect(code, stderr).toBe(0);
    const shapes = (JSON.parse(stdout) as { shapes: { shape: string; loadBalancer: string }[] }).shapes;
    expect(shapes.map((s) => [s.shape, s.loadBalancer])).toEqual([
      ['none', 'random'],
      ['linkerd', 'random'],
    ]);
  });
});

describe('a flag that takes one value, given twice', () => {
  it('is refused naming the flag and both values, in every command (it was: the last one won, the first unchecked)', () => {
    expect(usageError('run', 'retry-storm', '--seed', '1', '--seed', '2')).toBe(
      "meshsim: --seed given twice ('1' and '2'): give it once (the last would silently win)",
    );
    // The bad first value was never checked: the run went on with the second.
    expect(usageError('run', 'retry-storm', '--duration', '-5s', '--duration', '2s')).toBe(
      "meshsim: --duration given twice ('-5s' and '2s'): give it once (the last would silently win)",
    );
    expect(usageError('run', 'retry-storm', '--mesh=none', '--mesh', 'linkerd')).toBe(
      "meshsim: --mesh given twice ('none' and 'linkerd'): give it once (the last would silently win)",
    );
    expect(usageError('compare', 'retry-storm', '--mesh', 'none', '--mesh', 'linkerd')).toBe(
      "meshsim: --mesh given twice ('none' and 'linkerd'): give it once (the last would silently win)",
    );
    expect(usageError('sweep', 'merge', '--store', 'a.duckdb', '--store', 'b.duckdb', 'c.duckdb')).toBe(
      "meshsim: --store given twice ('a.duckdb' and 'b.duckdb'): give it once (the last would silently win)",
    );
    expect(usageError('import', 'x.yaml', '--name', 'a', '--name', 'a')).toBe(
      "meshsim: --name given twice ('a' and 'a'): give it once (the last would silently win)",
    );
  });

  it('a repeatable flag (--set) and a switch given twice stay accepted', () => {
    const { code, stderr } = meshsim(
      ...['run', 'retry-storm', '--duration', '1s', '--json', '--json', '--no-progress'],
      ...['--set', 'seed=3', '--set', 'services.checkout.queue=64'],
    );
    expect(code, stderr).toBe(0);
  });
});

describe('two --set options of one field', () => {
  it('the same path twice is refused, naming both (it was: the last one wins)', () => {
    expect(
      usageError(
        'run',
        'retry-storm',
        '--set',
        'services.checkout.queue=32',
        '--set',
        'services.checkout.queue=64',
      ),
    ).toBe(
      'meshsim: --set services.checkout.queue=32 and --set services.checkout.queue=64 both set services.checkout.queue: give it once',
    );
    // In a sweep the fixed value was silently replaced by the axis.
    expect(
      usageError(
        'sweep',
        'retry-storm',
        '--set',
        'services.checkout.queue=32',
        '--set',
        'services.checkout.queue=64,128',
      ),
    ).toBe(
      'meshsim: --set services.checkout.queue=32 and --set services.checkout.queue=64,128 both set services.checkout.queue: give each path once, with all its values (--set services.checkout.queue=a,b,c)',
    );
    // One list item written two ways; mesh=<shape> and mesh.shape=<shape> both set the shape.
    expect(usageError('run', 'retry-storm', '--set', 'traffic.0.rate=5', '--set', 'traffic.00.rate=6')).toBe(
      'meshsim: --set traffic.0.rate=5 and --set traffic.00.rate=6 both set traffic.0.rate: give it once',
    );
    expect(usageError('run', 'retry-storm', '--set', 'mesh=linkerd', '--set', 'mesh.shape=consul')).toBe(
      'meshsim: --set mesh=linkerd and --set mesh.shape=consul both set mesh.shape: give it once',
    );
  });

  it('a path inside the value of another is refused in either order (it was: replaced one way, an error the other)', () => {
    const inner = 'services.checkout.inbound.shedding.queue-timeout=100ms';
    const outer = 'services.checkout.inbound.shedding=codel';
    const message = (first: string, second: string): string =>
      `meshsim: --set ${first} and --set ${second} overlap: one sets services.checkout.inbound.shedding whole, the other services.checkout.inbound.shedding.queue-timeout inside it: give one of them`;
    expect(usageError('run', 'retry-storm', '--set', inner, '--set', outer)).toBe(message(inner, outer));
    expect(usageError('sweep', 'retry-storm', '--set', outer, '--set', inner)).toBe(message(outer, inner));
  });

  it('mesh=<shape> keeps the file mesh options, so it goes with a --set of an option', () => {
    const { code, stdout, stderr } = meshsim(
      ...['run', 'retry-storm', '--duration', '1s', '--json', '--no-progress'],
      ...['--set', 'mesh=linkerd', '--set', 'mesh.loadBalancer=random'],
    );
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ scenario: { mesh: 'linkerd' } });
  });
});

describe('--set PATH=null', () => {
  it('removes an optional field the file sets (run); a required one is an error naming it', () => {
    const budget = 'services.frontend.destinationPolicy.retryBudget';
    const base = ['run', 'budget-vs-retries', '--duration', '1s', '--json', '--no-progress'];
    const removed = meshsim(...base, '--set', `${budget}=null`);
    const kept = meshsim(...base);
    expect([removed.code, kept.code], removed.stderr + kept.stderr).toEqual([0, 0]);
    // The budget's counters are on the edges to frontend only while it has one.
    const toFrontend = (stdout: string): unknown[] =>
      (JSON.parse(stdout) as { edges: { destination: string; policyEvents: object }[] }).edges
        .filter((edge) => edge.destination === 'frontend')
        .map((edge) => Object.keys(edge.policyEvents));
    expect(toFrontend(kept.stdout)).toEqual([['retry-budget-admitted', 'retry-budget-denied']]);
    expect(toFrontend(removed.stdout)).toEqual([[]]);
    expect(usageError('run', 'retry-storm', '--set', 'services.checkout.serviceTime=null')).toBe(
      'meshsim: --set services.checkout.serviceTime=null: services.checkout.serviceTime is required: null removes only an optional field (as if the file did not write it)',
    );
  });

  it('is a value of a sweep axis: with and without a policy the file sets', () => {
    const store = `${tempDir()}/null.duckdb`;
    const { code, stdout, stderr } = meshsim(
      ...[
        'sweep',
        'budget-vs-retries',
        '--duration',
        '2s',
        '--no-progress',
        '--workers',
        '0',
        '--store',
        store,
      ],
      ...['--set', 'services.checkout.destinationPolicy.retryBudget=null,linkerd', '--json'],
    );
    expect(code, stderr).toBe(0);
    const { summary } = JSON.parse(stdout) as { summary: { values: Record<string, unknown> }[] };
    expect(summary.map((point) => point.values)).toEqual([
      { 'services.checkout.destinationPolicy.retryBudget': null },
      { 'services.checkout.destinationPolicy.retryBudget': 'linkerd' },
    ]);
  });
});
