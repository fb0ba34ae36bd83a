// Expanding the arguments: directories walked recursively in name order for YAML and JSON files.

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { collectFiles } from '../../../src/internal/source/collectFiles.js';
import { importFiles, serviceOf, tempTree } from '../../__helpers__/fixtures.js';

describe('collectFiles', () => {
  it('walks directories recursively in name order, for .yaml, .yml and .json, skipping hidden entries', () => {
    const dir = tempTree({
      'b/z.yml': 'a: 1\n',
      'b/a.json': '{}\n',
      'a.yaml': 'a: 1\n',
      '.git/config.yaml': 'a: 1\n',
      'notes.md': '# no\n',
    });
    const { inputs, issues } = collectFiles([dir]);
    expect(issues).toEqual([]);
    expect(inputs[0]?.files.map((file) => file.slice(dir.length + 1))).toEqual([
      'a.yaml',
      join('b', 'a.json'),
      join('b', 'z.yml'),
    ]);
  });

  it('reads JSON input (a kind: List from kubectl) with positions', () => {
    const imported = importFiles({
      'live.json': JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              metadata: { name: 'api' },
              spec: { selector: { app: 'api' }, sessionAffinity: 'ClientIP' },
            },
          ],
        },
        null,
        2,
      ),
    });
    expect(serviceOf(imported, 'api')).toMatchObject({ serviceTime: '1ms' });
    expect(imported.warnings.find((w) => w.field === 'spec.sessionAffinity')).toMatchObject({
      file: 'live.json',
      document: 1,
      line: 15,
    });
  });
});
