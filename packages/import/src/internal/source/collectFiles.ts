// Expands the import's arguments into files: files as given, directories walked recursively (sorted, so
// the result is the same on every machine) for *.yaml, *.yml and *.json, skipping hidden entries; `-` stands for
// standard input, once.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { ImportIssue } from '../../ImportError.js';
import { pushAll } from '@meshsim/mesh';

/** The files of one argument. */
export interface CollectedInput {
  /** The argument as given. */
  arg: string;
  /** True if it is a directory. */
  directory: boolean;
  /** Its files (the argument itself for a file). */
  files: string[];
}

const IMPORTABLE_FILE = /\.(ya?ml|json)$/i;

/** The argument that stands for standard input (a file named `-` is `./-`). */
export const STDIN_ARG = '-';

/** How standard input is shown in comments, warnings and errors. */
export const STDIN_NAME = '<stdin>';

/** Recursively lists the importable files under `dir`, sorted by name at each level. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pushAll(out, walk(path));
    else if (entry.isFile() && IMPORTABLE_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Lists the files behind each argument (`-`, standard input, is one file of its own, read by the caller).
 *
 * @returns The inputs, and the issues of arguments that do not exist or hold no YAML/JSON file.
 */
export function collectFiles(args: readonly string[]): { inputs: CollectedInput[]; issues: ImportIssue[] } {
  const inputs: CollectedInput[] = [];
  const issues: ImportIssue[] = [];
  for (const arg of args) {
    if (arg === STDIN_ARG) {
      if (inputs.some((input) => input.arg === STDIN_ARG)) {
        issues.push({ file: STDIN_NAME, reason: 'standard input (-) is given twice; it can be read once' });
      } else {
        inputs.push({ arg, directory: false, files: [arg] });
      }
      continue;
    }
    let directory: boolean;
    try {
      directory = statSync(arg).isDirectory();
    } catch {
      issues.push({ file: arg, reason: 'file not found' });
      continue;
    }
    if (!directory) {
      inputs.push({ arg, directory, files: [arg] });
      continue;
    }
    const files = walk(arg);
    if (files.length === 0) {
      issues.push({
        file: arg,
        reason: 'nothing importable: the directory holds no .yaml, .yml or .json file',
      });
      continue;
    }
    inputs.push({ arg, directory, files });
  }
  return { inputs, issues };
}
