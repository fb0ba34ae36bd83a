// Test doubles for the CLI's streams: capture what main() writes to stdout and stderr.

import type { CliIo } from '../../src/index.js';

/** A CliIo whose streams record their output; `isTTY` sets stderr's terminal flag. */
export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** Creates a {@link CapturedIo}. */
export function captureIo(options: { isTTY?: boolean } = {}): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: options.isTTY ?? false },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
