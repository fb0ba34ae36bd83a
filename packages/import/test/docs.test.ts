// Keeps docs/import.md true to the code: its worked example is the golden output, its table lists every
// kind the importer reads, and the defaults it states are the code's.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { IMPORTABLE_KINDS } from '../src/index.js';
import {
  DEFAULT_ENTRY_RATE,
  PLACEHOLDER_RATE,
  PLACEHOLDER_SERVICE_TIME,
} from '../src/internal/build/placeholders.js';
import { LIVE_EXPORT_FIELDS } from '../src/internal/kubernetes/liveExportFields.js';
import { SERVICE_PROFILE_ATTEMPTS } from '../src/internal/linkerd/importServiceProfile.js';
import { GOLDEN } from './__helpers__/fixtures.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const page = readFileSync(join(root, 'docs/import.md'), 'utf8');
const golden = readFileSync(join(GOLDEN, 'shop-istio.scenario.yaml'), 'utf8');
const goldenWarnings = readFileSync(join(GOLDEN, 'shop-istio.warnings.txt'), 'utf8');

/** The fenced code blocks of the page whose info string is `kind` ('' for none). */
function blocks(kind: string): string[] {
  const out: string[] = [];
  let open: { kind: string; lines: string[] } | undefined;
  for (const line of page.split('\n')) {
    if (line.startsWith('```')) {
      if (open === undefined) open = { kind: line.slice(3).trim(), lines: [] };
      else {
        if (open.kind === kind) out.push(open.lines.join('\n') + '\n');
        open = undefined;
      }
    } else {
      open?.lines.push(line);
    }
  }
  return out;
}

describe('docs/import.md', () => {
  it("shows the worked example's scenario excerpts exactly as the import writes them", () => {
    const yaml = blocks('yaml').filter((block) => block.includes('from shop/'));
    expect(yaml.length).toBeGreaterThanOrEqual(2);
    for (const block of yaml) expect(golden).toContain(block);
  });

  it('shows a warning of the worked example exactly as printed', () => {
    const shown = blocks('')
      .flatMap((block) => block.split('\n'))
      .filter((line) => line.startsWith('warning: shop/'));
    expect(shown.length).toBeGreaterThan(0);
    for (const line of shown) expect(goldenWarnings).toContain(line.slice('warning: '.length));
  });

  it('lists every kind the importer reads in its table, and names them in order', () => {
    const table = page.slice(page.indexOf('## What is read'), page.indexOf('## isotope'));
    const rows = [...table.matchAll(/^\| (`[^|]+`) \|/gm)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((k) => k[1]),
    );
    expect(rows).toEqual(IMPORTABLE_KINDS.map((entry) => entry.kind));
  });

  it('gives as examples of the kinds it skips none that it reads', () => {
    const sentence = /^Any other kind \(([^)]*)\)/m.exec(page)?.[1] ?? '';
    expect(sentence).not.toBe('');
    const examples = sentence.split(/,\s*/).filter((kind) => kind !== '…');
    for (const entry of IMPORTABLE_KINDS) expect(examples).not.toContain(entry.kind);
  });

  it('lists every field of a live export that is passed over quietly', () => {
    const section = page.slice(
      page.indexOf('So are the fields a live export carries'),
      page.indexOf('## Istio'),
    );
    for (const field of LIVE_EXPORT_FIELDS) {
      const last = field.path[field.path.length - 1] ?? '';
      expect(section, field.path.join('.')).toContain(`${last}\``);
      if ('only' in field) {
        const shown = typeof field.only === 'object' && field.only !== null ? '{}' : String(field.only);
        expect(section, field.path.join('.')).toContain(`\`${shown}\``);
      }
    }
  });

  it("states the code's defaults and placeholders", () => {
    expect(page).toContain(`default \`${DEFAULT_ENTRY_RATE}\``);
    expect(page).toContain(`\`serviceTime: ${PLACEHOLDER_SERVICE_TIME}\``);
    expect(page).toContain(`rate: ${PLACEHOLDER_RATE} }`);
    expect(page).toContain(`retry: { attempts: ${String(SERVICE_PROFILE_ATTEMPTS)}, retryOn:`);
  });

  it('cites public sources only: every [[key]] is an entry of sources.md with an address, and no machine path', () => {
    expect(page).not.toMatch(/\.\.\/shared|\/work\//);
    const sources = readFileSync(join(root, 'docs/sources.md'), 'utf8');
    const entries = new Map(
      sources
        .split(/^### /m)
        .slice(1)
        .map((entry) => [entry.split('\n')[0] ?? '', entry] as const),
    );
    const cited = [...page.matchAll(/\[\[([a-z0-9-]+)\]\]\(sources\.md#([a-z0-9-]+)\)/g)];
    expect(cited.length).toBeGreaterThan(10);
    for (const [, key = '', anchor] of cited) {
      expect(anchor).toBe(key);
      expect(entries.get(key), `docs/sources.md has an entry ### ${key}`).toMatch(/<https:\/\/[^>]+>/);
    }
    const importKeys = [...entries.keys()].filter((key) => key.startsWith('import-'));
    expect(importKeys.filter((key) => !cited.some((match) => match[1] === key))).toEqual([]);
  });

  it('exports only kinds the importer reads in its live-cluster recipe', () => {
    /** kubectl's resource names for the kinds the recipe exports. */
    const KIND_OF: Readonly<Record<string, string>> = {
      namespace: 'Namespace',
      deployments: 'Deployment',
      statefulsets: 'StatefulSet',
      horizontalpodautoscalers: 'HorizontalPodAutoscaler',
      services: 'Service',
      limitranges: 'LimitRange',
      pods: 'Pod',
      nodes: 'Node',
      daemonsets: 'DaemonSet',
      destinationrules: 'DestinationRule',
      virtualservices: 'VirtualService',
      peerauthentications: 'PeerAuthentication',
      authorizationpolicies: 'AuthorizationPolicy',
    };
    const recipe = blocks('sh').find((block) => block.includes('kubectl get deployments'));
    const resources = [...(recipe ?? '').matchAll(/^kubectl get (\S+)/gm)].flatMap((m) =>
      (m[1] ?? '').split(','),
    );
    expect(resources.length).toBeGreaterThan(10);
    const kinds = new Set(IMPORTABLE_KINDS.map((k) => k.kind));
    for (const resource of resources) expect(kinds.has(KIND_OF[resource] ?? resource), resource).toBe(true);
    // Every file the recipe writes is imported.
    const written = [...(recipe ?? '').matchAll(/> (\S+\.yaml)$/gm)].map((m) => m[1]);
    const command = (recipe ?? '').split('\n').find((line) => line.startsWith('meshsim import')) ?? '';
    for (const file of written) expect(command).toContain(` ${file ?? ''}`);
  });
});
