// Reads the `--graph` scenario fragment: a partial scenario (YAML, or strict JSON for a .json file) whose services, calls,
// traffic and other top-level fields are merged with what was imported. It keeps the fragment's YAML positions, so
// that an error in a field the fragment gave names the fragment's line and column.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

import { createLocator, findJsonSyntaxError } from '@meshsim/scenario';
import { LineCounter, parseDocument } from 'yaml';

import { ImportError } from '../../ImportError.js';
import { isRecord } from '../isRecord.js';
import type { JsonObject } from '../isRecord.js';
import type { FieldPath } from '../source/fieldPath.js';
import type { Position } from '../source/SourceDocument.js';

/** A fragment and the name it is shown under. */
export interface Fragment {
  file: string;
  value: JsonObject;
  /**
   * Where `path` is written in the fragment: its key for a mapping entry, the item for a list item, else the closest
   * written ancestor (as the scenario loader places its errors).
   */
  position: (path: FieldPath) => Position | undefined;
}

/**
 * Reads a fragment file.
 *
 * @param display - The file as shown to the user.
 * @throws ImportError when the file cannot be read, has YAML or JSON syntax errors (with line and column), or
 *   is not a mapping with a `services` map.
 */
export function readFragment(path: string, display: string): Fragment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ImportError([
      {
        file: display,
        reason:
          code === 'ENOENT'
            ? 'file not found (--graph)'
            : `cannot read the --graph fragment: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  // A .json fragment is strict JSON, as a .json scenario file is (a trailing comma is an error, not YAML).
  const json = extname(path).toLowerCase() === '.json';
  const jsonError = json ? findJsonSyntaxError(text) : null;
  if (jsonError !== null) {
    const { line, column, reason } = jsonError;
    throw new ImportError([{ file: display, line, column, reason: `JSON syntax error: ${reason}` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: !json });
  if (doc.errors.length > 0) {
    throw new ImportError(
      doc.errors.map((error) => {
        const { line, col } = lines.linePos(error.pos[0]);
        const reason = `${json ? 'JSON' : 'YAML'} syntax error: ${error.message}`;
        return { file: display, line, column: col, reason };
      }),
    );
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isRecord(value)) {
    throw new ImportError([
      {
        file: display,
        reason: 'a --graph fragment must be a mapping (a partial scenario: services, traffic, …)',
      },
    ]);
  }
  for (const [key, check, what] of [
    ['services', isRecord, 'a map of services'],
    ['traffic', Array.isArray, 'a list of traffic sources'],
  ] as const) {
    if (value[key] !== undefined && !check(value[key])) {
      throw new ImportError([{ file: display, reason: `${key}: must be ${what}` }]);
    }
  }
  if (isRecord(value['services'])) {
    for (const [name, service] of Object.entries(value['services'])) {
      if (!isRecord(service))
        throw new ImportError([
          { file: display, reason: `services.${name}: must be a map of service fields` },
        ]);
    }
  }
  return { file: display, value, position: createLocator(doc, lines) };
}
