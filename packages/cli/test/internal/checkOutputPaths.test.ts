// Outputs are checked before a run starts: a file path that is a folder, a folder path that is a file, or a
// missing parent folder stops the command at once (exit 1), naming the flag, the path and the reason.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { UsageError } from '../../src/CliError.js';
import { main } from '../../src/index.js';
import { checkOutputPaths, fsErrorInWords } from '../../src/internal/checkOutputPaths.js';
import { captureIo } from '../__helpers__/io.js';
import { tempDir } from '../__helpers__/tempDir.js';

describe('checkOutputPaths', () => {
  const dir = tempDir('meshsim-outputs-');
  const file = join(dir, 'existing.txt');
  writeFileSync(file, 'x');

  it('accepts a new or existing file in an existing folder, and a folder to create', () => {
    expect(() =>
      checkOutputPaths(
        [
          { flag: '--out', path: join(dir, 'new.json') },
          { flag: '--html', path: file },
          { flag: '--fortio', path: join(dir, 'a', 'b'), kind: 'folder' },
          { flag: '--fortio', path: dir, kind: 'folder' },
          { flag: '--otlp', path: undefined },
        ],
        'run',
      ),
    ).not.toThrow();
  });

  it('names the flag, the path and the reason of the first output that cannot be written', () => {
    expect(() => checkOutputPaths([{ flag: '--out', path: dir }], 'run')).toThrow(
      `cannot write '${dir}' (--out): it is a folder, not a file`,
    );
    const missing = join(dir, 'no-such-folder', 'x.json');
    expect(() => checkOutputPaths([{ flag: '--html', path: missing }], 'run')).toThrow(
      `cannot write '${missing}' (--html): its folder ${join(dir, 'no-such-folder')} does not exist`,
    );
    expect(() => checkOutputPaths([{ flag: '--out', path: join(file, 'x') }], 'run')).toThrow(
      `(--out): ${file} is a file, not a folder`,
    );
    expect(() => checkOutputPaths([{ flag: '--fortio', path: file, kind: 'folder' }], 'run')).toThrow(
      `cannot write '${file}' (--fortio): it is a file, not a folder`,
    );
  });

  it("takes '-' as standard output for --out and refuses it for any other output (exit 2)", () => {
    expect(() => checkOutputPaths([{ flag: '--out', path: '-' }], 'run')).not.toThrow();
    for (const flag of ['--otlp', '--html', '--smp', '--store']) {
      let error: unknown;
      try {
        checkOutputPaths([{ flag, path: '-' }], 'sweep');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toBe(
        `invalid value for ${flag}: '-' (standard output carries the sweep output; give a file path, or ./- for a file named -)`,
      );
      expect((error as UsageError).exitCode).toBe(2);
    }
  });

  it('puts file-system error codes in words', () => {
    const coded = (code: string): Error => Object.assign(new Error(`${code}: raw`), { code });
    expect(fsErrorInWords(coded('EISDIR'))).toBe('it is a folder');
    expect(fsErrorInWords(coded('ENOSPC'))).toBe('no space left on the device');
    expect(fsErrorInWords(coded('EACCES'))).toBe('permission denied');
    expect(fsErrorInWords(new Error('other'))).toBe('other');
  });

  it('run, compare and sweep stop before running anything', async () => {
    const missing = join(dir, 'missing', 'out.txt');
    for (const args of [
      ['run', 'steady-3tier', '--out', missing, '--no-progress'],
      ['run', 'steady-3tier', '--fortio', file, '--no-progress'],
      ['compare', 'steady-3tier', '--mesh', 'none,linkerd', '--html', dir, '--no-progress'],
      ['sweep', 'steady-3tier', '--set', 'traffic.0.rate=100,200', '--csv', missing, '--no-progress'],
      ['sweep', 'steady-3tier', '--set', 'traffic.0.rate=100,200', '--store', dir, '--no-progress'],
      ['sweep', 'merge', '--store', dir, file],
    ]) {
      const io = captureIo();
      expect(await main(args, io), args.join(' ')).toBe(1);
      expect(io.err(), args.join(' ')).toMatch(/^meshsim: cannot write '.*' \(--[a-z]+\): .*\n$/);
      expect(io.out(), args.join(' ')).toBe('');
    }
  });
});
