// resolveWithOverrides: overrides land at their path in the scenario's own structure and are validated by
// the scenario schema; a wrong path names the nearest valid one, a wrong type names the field and type.

import { describe, expect, it } from 'vitest';

import type { ServiceConfig, SimulationConfig } from '@meshsim/mesh';
import { SCENARIO_DEFAULTS } from '@meshsim/scenario';

import { OverrideError, readScenarioSource, resolveWithOverrides } from '../../src/index.js';
import type { Override, ScenarioSource } from '../../src/index.js';

const storm = readScenarioSource('retry-storm');

function problems(overrides: Override[]): string {
  try {
    resolveWithOverrides(storm, overrides);
  } catch (error) {
    if (error instanceof OverrideError) return error.message;
    throw error;
  }
  throw new Error('expected an OverrideError');
}

describe('resolveWithOverrides', () => {
  it('applies values at their paths, keeping everything else', () => {
    const config = resolveWithOverrides(storm, [
      { path: 'traffic.0.rate', value: 800 },
      { path: 'services.frontend.calls.0.retry.attempts', value: 2 },
      { path: 'duration', value: '60s' },
      { path: 'seed', value: 9 },
    ]);
    const source = config.traffic[0];
    expect(source?.kind === 'open' && source.rate[0]?.rps).toBe(800);
    expect(config.services.find((s) => s.name === 'frontend')?.calls[0]?.[0]?.policy.retry.maxAttempts).toBe(
      2,
    );
    expect(config.durationMs).toBe(60_000);
    expect(config.seed).toBe(9);
    expect(config.mesh.shape).toBe('istio-sidecar');
  });

  it('duration applies to the resolved scenario: shorter than its faults is valid (as run --duration)', () => {
    // retry-storm's fault starts at 30 s.
    const config = resolveWithOverrides(storm, [{ path: 'duration', value: '2000ms' }]);
    expect(config.durationMs).toBe(2000);
    expect(config.faults.length).toBeGreaterThan(0);
    expect(problems([{ path: 'duration', value: 'soon' }])).toContain(
      '--set duration=soon: duration: invalid duration',
    );
    expect(problems([{ path: 'duration', value: 0 }])).toContain('--set duration=0: duration:');
    // Over the limit, in the file's terms as --duration says it, not in raw milliseconds.
    expect(problems([{ path: 'duration', value: '1000h' }])).toBe(
      '--set duration=1000h: duration: longer than the limit of 720h',
    );
  });

  it('creates a field the file did not write (a known schema field)', () => {
    const config = resolveWithOverrides(storm, [
      { path: 'services.checkout.queueDiscipline', value: 'lifo' },
    ]);
    expect(config.services.find((s) => s.name === 'checkout')?.queueDiscipline).toBe('lifo');
  });

  it('mesh=<shape> switches the shape', () => {
    expect(resolveWithOverrides(storm, [{ path: 'mesh', value: 'linkerd' }]).mesh.shape).toBe('linkerd');
  });

  it('without overrides, is the scenario as loaded', () => {
    expect(resolveWithOverrides(storm, []).name).toBe('retry-storm');
  });

  it('names the nearest valid path for a path that does not exist', () => {
    expect(problems([{ path: 'services.chekout.replicas', value: 2 }])).toBe(
      '--set services.chekout.replicas=2: services.chekout does not exist (nearest: services.checkout)',
    );
    expect(problems([{ path: 'services.checkout.replcas', value: 2 }])).toBe(
      '--set services.checkout.replcas=2: services.checkout.replcas: unknown field (did you mean "replicas"?)',
    );
    expect(problems([{ path: 'traffic.3.rate', value: 2 }])).toContain(
      'traffic[3] does not exist (the list has 1 item',
    );
    // The --set on the longest matching path is named, not `mesh=` (as --mesh is given), on a file whose mesh is an
    // object (its options kept).
    const overhead = readScenarioSource('overhead-3tier');
    expect(() =>
      resolveWithOverrides(overhead, [
        { path: 'mesh', value: 'istio-ambient' },
        { path: 'mesh.istioCni.cpuRequest', value: 'lots' },
      ]),
    ).toThrow(/^--set mesh\.istioCni\.cpuRequest=lots: mesh\.istioCni\.cpuRequest: must be a CPU quantity/);
    // A list the file does not have starts at index 0: no "indices 0..-1".
    expect(problems([{ path: 'clusters.1.nodeMaxPods', value: 3 }])).toBe(
      '--set clusters.1.nodeMaxPods=3: clusters[1] does not exist (clusters is empty or not written: its first item is clusters[0])',
    );
    expect(problems([{ path: 'traffic.2.rate', value: 2 }])).toBe(
      '--set traffic.2.rate=2: traffic[2] does not exist (the list has 1 item: indices 0..0, or 1 for a new item)',
    );
    expect(problems([{ path: 'services.frontend.calls.0.retry.retryOn.9', value: 'reset' }])).toMatch(
      /retryOn\[9\] is not an index of the list \(0\.\.\d, or \d for a new item\)$/,
    );
    expect(problems([{ path: 'duration.x', value: 2 }])).toContain(
      'duration is a value ("90s"), not an object',
    );
  });

  it('names the field and the expected type for a value of the wrong type', () => {
    expect(problems([{ path: 'services.checkout.replicas', value: 'many' }])).toBe(
      '--set services.checkout.replicas=many: services.checkout.replicas: must be an integer (got "many")',
    );
    expect(problems([{ path: 'traffic.0.rate', value: 'fast' }])).toContain(
      'traffic[0].rate: must be a rate such as 800, 800/s',
    );
    expect(problems([{ path: 'mesh', value: 'istio' }])).toContain('--set mesh=istio: mesh: must be one of');
    // A script's string that reads as a number shows in quotes, as it would have to be written: the string it is.
    expect(problems([{ path: 'services.checkout.replicas', value: '3' }])).toBe(
      '--set services.checkout.replicas="3": services.checkout.replicas: must be an integer (got "3")',
    );
  });

  it("starts a list of objects the file does not write, and adds a list's next item", () => {
    const config = resolveWithOverrides(storm, [
      { path: 'daemonSets.0.name', value: 'kube-proxy' },
      { path: 'daemonSets.0.cpuRequest', value: '100m' },
      { path: 'daemonSets.1.name', value: 'log-agent' },
      { path: 'daemonSets.1.memoryRequest', value: '200Mi' },
      { path: 'faults.1.at', value: '40s' },
      { path: 'faults.1.for', value: '5s' },
      { path: 'faults.1.service', value: 'frontend' },
      { path: 'faults.1.errorRate', value: 0.5 },
    ]);
    const daemonSets = config.clusters[0]?.daemonSets;
    expect(daemonSets?.map((d) => d.name)).toEqual(['kube-proxy', 'log-agent']);
    expect(daemonSets?.[0]?.cpuRequestCores).toBe(0.1);
    expect(config.faults).toHaveLength(storm.text.includes('faults:') ? 2 : 1);
    expect(config.faults.at(-1)).toMatchObject({ atMs: 40_000, service: 'frontend' });
    // A new item is validated like one in the file: its required fields are named.
    expect(problems([{ path: 'faults.1.service', value: 'frontend' }])).toBe(
      '--set faults.1.service=frontend: faults[1].at: is required (faults[1] is a new item: set its other fields with --set too)',
    );
  });

  it('names the --set, not the file, for a problem of what it created: a new item’s rule, an unknown field', () => {
    expect(problems([{ path: 'faults.1.at', value: '2s' }])).toMatch(
      /^--set faults\.1\.at=2s: faults\[1\]: .*\(faults\[1\] is a new item: set its other fields with --set too\)$/,
    );
    expect(problems([{ path: 'sevices.checkout.replicas', value: 2 }])).toBe(
      '--set sevices.checkout.replicas=2: sevices: unknown field (did you mean "services"?)',
    );
  });

  it('refuses a path through an object prototype, and changes nothing', () => {
    for (const path of ['__proto__.x', 'services.frontend.__proto__.x', 'constructor.prototype.x']) {
      expect(problems([{ path, value: 1 }])).toBe(
        `--set ${path}=1: "${path.split('.').find((s) => ['__proto__', 'prototype', 'constructor'].includes(s)) ?? ''}" is not a field of a scenario`,
      );
    }
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('a mesh option on a scenario whose mesh is a shape name makes the mesh an object of that shape', () => {
    // retry-storm writes `mesh: istio-sidecar`.
    const config = resolveWithOverrides(storm, [{ path: 'mesh.istioVersion', value: '1.20' }]);
    expect(config.mesh.shape).toBe('istio-sidecar');
    expect(config.mesh.options.istioVersion).toBe('1.20');
    expect(resolveWithOverrides(storm, [{ path: 'mesh.shape', value: 'linkerd' }]).mesh.shape).toBe(
      'linkerd',
    );
    // A file without `mesh` has the format's default shape, none.
    const bare = {
      file: 'bare.yaml',
      text: 'services:\n  api: { serviceTime: 1ms }\ntraffic:\n  - { to: api, rate: 10 }\n',
      hash: '',
    };
    const none = resolveWithOverrides(bare, [{ path: 'mesh.mtls', value: true }]);
    expect(none.mesh.shape).toBe('none');
  });

  describe('null removes an optional field, as if the file did not write it', () => {
    const budgets = readScenarioSource('budget-vs-retries');
    const service = (config: SimulationConfig, name: string): ServiceConfig | undefined =>
      config.services.find((s) => s.name === name);

    it('a policy the file sets: the run is the file without it', () => {
      const removed = resolveWithOverrides(budgets, [
        { path: 'services.frontend.destinationPolicy.retryBudget', value: null },
        { path: 'services.checkout.destinationPolicy.retryBudget', value: null },
      ]);
      // The file without the two retryBudget fields (each destinationPolicy is then empty).
      const text = budgets.text.replace(/retryBudget: (linkerd|\{ linkerd: \{[^}]*\} \})/g, '');
      expect(text.match(/destinationPolicy: \{ {2}\}/g)).toHaveLength(2);
      const unbudgeted = resolveWithOverrides({ ...budgets, text }, []);
      expect(removed).toEqual(unbudgeted);
      expect(service(removed, 'frontend')?.destination?.retryBudget).not.toEqual(
        service(resolveWithOverrides(budgets, []), 'frontend')?.destination?.retryBudget,
      );
    });

    it('a field the file does not write, or inside a value that is a word, is left as it is', () => {
      expect(
        resolveWithOverrides(storm, [{ path: 'services.checkout.inbound.shedding', value: null }]),
      ).toEqual(resolveWithOverrides(storm, []));
      expect(
        resolveWithOverrides(budgets, [
          { path: 'services.frontend.destinationPolicy.retryBudget.linkerd', value: null },
        ]),
      ).toEqual(resolveWithOverrides(budgets, []));
    });

    it('duration, seed and mesh: the format defaults', () => {
      const config = resolveWithOverrides(storm, [
        { path: 'duration', value: null },
        { path: 'seed', value: null },
        { path: 'mesh', value: null },
      ]);
      expect([config.durationMs, config.seed, config.mesh.shape]).toEqual([
        SCENARIO_DEFAULTS.durationMs,
        SCENARIO_DEFAULTS.seed,
        'none',
      ]);
    });

    it('refuses a required field, a list item and an unknown field, naming the --set and the field', () => {
      expect(problems([{ path: 'services.checkout.serviceTime', value: null }])).toBe(
        '--set services.checkout.serviceTime=null: services.checkout.serviceTime is required: null removes only an optional field (as if the file did not write it)',
      );
      expect(problems([{ path: 'traffic', value: null }])).toBe(
        '--set traffic=null: traffic is required: null removes only an optional field (as if the file did not write it)',
      );
      expect(problems([{ path: 'faults.0', value: null }])).toBe(
        '--set faults.0=null: faults[0] is a list item: null removes an optional field, not an item',
      );
      expect(problems([{ path: 'services.checkout.retryBudget', value: null }])).toBe(
        '--set services.checkout.retryBudget=null: services.checkout.retryBudget: unknown field',
      );
      expect(problems([{ path: 'services.checkout.queu', value: null }])).toBe(
        '--set services.checkout.queu=null: services.checkout.queu: unknown field (did you mean "queue"?)',
      );
    });

    it('names the --set when what it leaves is invalid (an object without its one kind, a source without a rate)', () => {
      const shedding: ScenarioSource = {
        file: 'shed.yaml',
        text: 'services:\n  api: { serviceTime: 1ms, inbound: { shedding: { queue-timeout: 100ms } } }\ntraffic:\n  - { to: api, rate: 10 }\n',
        hash: '',
      };
      expect(() =>
        resolveWithOverrides(shedding, [
          { path: 'services.api.inbound.shedding.queue-timeout', value: null },
        ]),
      ).toThrow(
        /^--set services\.api\.inbound\.shedding\.queue-timeout=null: services\.api\.inbound\.shedding: /,
      );
      expect(problems([{ path: 'traffic.0.rate', value: null }])).toMatch(
        /^--set traffic\.0\.rate=null: traffic\[0\]: must set rate/,
      );
    });
  });

  it('none where a field takes no such word: says that null removes it (where it may be left out)', () => {
    expect(problems([{ path: 'services.checkout.destinationPolicy.retryBudget', value: 'none' }])).toMatch(
      /^--set services\.checkout\.destinationPolicy\.retryBudget=none: services\.checkout\.destinationPolicy\.retryBudget: must be one of .* \(got "none"\) \(to remove the field, as if the file did not write it: services\.checkout\.destinationPolicy\.retryBudget=null\)$/,
    );
    // A required field: no such hint.
    expect(problems([{ path: 'services.checkout.serviceTime', value: 'none' }])).not.toContain('=null');
  });

  it('says how to set an object when an object is written as one value', () => {
    expect(problems([{ path: 'services.frontend.calls.0.retry', value: '{attempts: 3}' }])).toBe(
      '--set services.frontend.calls.0.retry={attempts: 3}: services.frontend.calls[0].retry: must be a mapping (key: value pairs) (got "{attempts: 3}") (--set takes one value: set an object by its fields, services.frontend.calls.0.retry.<field>=…)',
    );
  });

  it('says how to set a list when a list is written as one value', () => {
    expect(problems([{ path: 'services.frontend.calls.0.retry.retryOn', value: '[5xx, reset]' }])).toBe(
      '--set services.frontend.calls.0.retry.retryOn=[5xx, reset]: services.frontend.calls[0].retry.retryOn: must be a list (got "[5xx, reset]") (--set takes one value: set a list by its items, services.frontend.calls.0.retry.retryOn.0=…, services.frontend.calls.0.retry.retryOn.1=…)',
    );
    const config = resolveWithOverrides(storm, [
      { path: 'services.frontend.calls.0.retry.retryOn.0', value: '5xx' },
      { path: 'services.frontend.calls.0.retry.retryOn.1', value: 'reset' },
    ]);
    expect(config.services.find((s) => s.name === 'frontend')?.calls[0]?.[0]?.policy.retry.retryOn).toEqual([
      '5xx',
      'reset',
    ]);
  });
});
