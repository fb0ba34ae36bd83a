// Reads all of standard input synchronously, also when it is a non-blocking pipe (where a plain
// readFileSync(0) fails with EAGAIN while the writer has not written yet).

import { readSync } from 'node:fs';

/** Pause between reads of a pipe with nothing to read yet [ms]. */
const RETRY_MS = 5;

/** Standard input, read to its end, as UTF-8 text. */
export function readStdinSync(): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let read: number;
    try {
      read = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, RETRY_MS);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks).toString('utf8');
}
