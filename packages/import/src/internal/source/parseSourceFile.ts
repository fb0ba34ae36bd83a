// Reads one input file into resources: every YAML document (a .json file must be strict JSON, and is then read as
// YAML, of which JSON is a subset, so errors carry positions), and every item of a `kind: List`. Syntax errors carry
// line and column; a file that is not text (a NUL byte, or not UTF-8 nor UTF-16 with a byte-order mark) is one issue,
// not a YAML error per byte.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

import { findJsonSyntaxError } from '@meshsim/scenario';
import { LineCounter, parseAllDocuments } from 'yaml';

import type { ImportIssue } from '../../ImportError.js';
import { isRecord } from '../isRecord.js';
import { SourceDocument } from './SourceDocument.js';

/** What one file holds. */
export interface ParsedFile {
  /** The resources, in file order. */
  documents: SourceDocument[];
  /** Documents that are not mappings (a scalar, a list), by 1-based index. */
  notMappings: number[];
}

/**
 * Parses `text` (the contents of `file`) into resources.
 *
 * @param display - The file as shown to the user; a name ending in `.json` is read as strict JSON (a trailing comma
 *   is an error, as in a `.json` scenario file).
 * @returns The resources, or the syntax errors (each with its line and column).
 */
export function parseSourceText(text: string, display: string): ParsedFile | { issues: ImportIssue[] } {
  const json = extname(display).toLowerCase() === '.json';
  const jsonError = json ? findJsonSyntaxError(text) : null;
  if (jsonError !== null) {
    const { line, column, reason } = jsonError;
    return { issues: [{ file: display, line, column, reason: `JSON syntax error: ${reason}` }] };
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const all = [...docs]; // an empty stream is an empty array
  const issues: ImportIssue[] = [];
  for (const doc of all) {
    for (const error of doc.errors) {
      const { line, col } = lines.linePos(error.pos[0]);
      issues.push({
        file: display,
        line,
        column: col,
        reason: `${json ? 'JSON' : 'YAML'} syntax error: ${error.message}`,
      });
    }
  }
  if (issues.length > 0) return { issues };

  const documents: SourceDocument[] = [];
  const notMappings: number[] = [];
  all.forEach((doc, i) => {
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) return; // an empty document (`---` at the end)
    if (!isRecord(value)) {
      notMappings.push(i + 1);
      return;
    }
    if (value['kind'] === 'List' && Array.isArray(value['items'])) {
      value['items'].forEach((item, j) => {
        if (isRecord(item))
          documents.push(new SourceDocument(display, i + 1, item, doc, lines, ['items', j]));
      });
      return;
    }
    documents.push(new SourceDocument(display, i + 1, value, doc, lines));
  });
  return { documents, notMappings };
}

/**
 * The text of a file's bytes: UTF-8 (a byte-order mark dropped), or UTF-16 with a byte-order mark (Windows PowerShell
 * writes `kubectl … > x.yaml` so); undefined when it is not text — a NUL byte, or bytes that are not UTF-8.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const [first, second] = bytes;
  if (first === 0xff && second === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (first === 0xfe && second === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Reads and parses a file (see {@link parseSourceText}); an unreadable file or one that is not text is an issue. */
export function parseSourceFile(path: string, display: string): ParsedFile | { issues: ImportIssue[] } {
  let text: string;
  try {
    const decoded = decodeText(readFileSync(path));
    if (decoded === undefined) {
      return {
        issues: [
          {
            file: display,
            reason:
              'not a text file (binary, or not UTF-8): give Kubernetes, Istio or Linkerd resources as YAML or JSON',
          },
        ],
      };
    }
    text = decoded;
  } catch (error) {
    return {
      issues: [
        {
          file: display,
          reason: `cannot read file: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  return parseSourceText(text, display);
}
