// Checks, before a run starts, that the files and folders a command will write can be written: a long run
// should not end in "cannot write" because a folder was mistyped. Also words Node's file-system error codes.

import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { CliError, UsageError } from '../CliError.js';

/** An output of the command: its flag, its path, and whether it is a folder (`--fortio DIR`) or a file. */
export interface OutputPath {
  readonly flag: string;
  readonly path: string | undefined;
  readonly kind?: 'file' | 'folder';
}

/**
 * Throws a {@link CliError} (exit 1) naming the flag, the path and the reason for the first output that
 * cannot be written: a file path that is a folder, a folder path that is a file, or a parent folder that does
 * not exist or is not a folder. `-` is standard output for `--out` and a {@link UsageError} (exit 2) for any
 * other output of `command` (standard output carries the command's own output). Creates and changes nothing.
 */
export function checkOutputPaths(outputs: readonly OutputPath[], command: string): void {
  for (const { flag, path, kind = 'file' } of outputs) {
    if (path === undefined) continue;
    if (path === '-') {
      if (flag === '--out') continue;
      throw new UsageError(
        `invalid value for ${flag}: '-' (standard output carries the ${command} output; give a file path, ` +
          `or ./- for a file named -)`,
        command,
      );
    }
    const problem = kind === 'file' ? fileProblem(path) : folderProblem(path);
    if (problem !== null) throw new CliError(`cannot write '${path}' (${flag}): ${problem}`);
  }
}

/** Node's file-system error `error` in words (its code's meaning, else its message). */
export function fsErrorInWords(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function fileProblem(path: string): string | null {
  const stat = statOrNull(path);
  if (stat !== null) return stat.isDirectory() ? 'it is a folder, not a file' : null;
  return parentProblem(path);
}

function folderProblem(path: string): string | null {
  const stat = statOrNull(path);
  if (stat !== null) return stat.isDirectory() ? null : 'it is a file, not a folder';
  return null; // created with its parents (mkdir -p) when the run is done
}

/** Why the folder that would hold `path` cannot, or null. */
function parentProblem(path: string): string | null {
  const parent = dirname(resolve(path));
  const stat = statOrNull(parent);
  if (stat === null) return `its folder ${parent} does not exist`;
  return stat.isDirectory() ? null : `${parent} is a file, not a folder`;
}

/** The path's stats, or null when it does not exist or cannot be looked at. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}
