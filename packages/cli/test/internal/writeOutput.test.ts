// An output given as lines is written a piece at a time, to a file or to stdout, as the same bytes as the
// lines joined: a 40-service platform's OpenMetrics minute is more than one string can hold.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { writeOutput } from '../../src/internal/flags.js';
import { captureIo } from '../__helpers__/io.js';
import { tempDir } from '../__helpers__/tempDir.js';

// 300,000 lines of 20 characters: about 6 MB, several pieces.
const lines = Array.from({ length: 300_000 }, (_, i) => `line ${String(i).padStart(14, '0')}`);
const joined = lines.join('\n') + '\n';

describe('writeOutput', () => {
  it('writes lines to a file as their joined text, in pieces', () => {
    const file = join(tempDir('meshsim-write-'), 'out.om');
    const io = captureIo();
    writeOutput(io, file, 'openmetrics', lines);
    expect(readFileSync(file, 'utf8')).toBe(joined);
    expect(io.err()).toBe(`wrote openmetrics output to ${file}\n`);
  });

  it('writes lines to stdout as their joined text, a megabyte at a time', () => {
    const pieces: string[] = [];
    const io = { ...captureIo(), stdout: { write: (chunk: string) => pieces.push(chunk) } };
    writeOutput(io, undefined, 'openmetrics', lines);
    expect(pieces.join('')).toBe(joined);
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeLessThan((1 << 20) + 64);
  });

  it('writes a text as it is', () => {
    const io = captureIo();
    writeOutput(io, undefined, 'text', 'hello\n');
    expect(io.out()).toBe('hello\n');
  });
});
