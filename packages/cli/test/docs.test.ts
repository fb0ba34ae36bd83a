// docs/cli.md against the CLI's own help: every command, flag and mesh shape the help prints is
// documented, and the page names no command, flag or shape the CLI does not have; its example outputs are real,
// and so are the example rows of docs/output-formats.md.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { simulate } from '@meshsim/mesh';
import { renderServiceSeriesCsv, renderTimeSeriesCsv } from '@meshsim/report';
import { loadScenario } from '@meshsim/scenario';

import { main } from '../src/index.js';
import { captureIo } from './__helpers__/io.js';
import { tempDir } from './__helpers__/tempDir.js';

/**
 * The page, each pnpm command line's own part (`npx -y pnpm@10 -s -C /path/to/meshsim`) shortened to `pnpm`: its flags
 * are pnpm's and its folder no meshsim command, so what follows is read as a `pnpm meshsim …` line.
 */
const page = readFileSync(fileURLToPath(new URL('../../../docs/cli.md', import.meta.url)), 'utf8').replace(
  /(?:npx -y )?pnpm(?:@\d+)?(?: -s| -C \S+)*/g,
  'pnpm',
);

/** What `meshsim ...args` prints on stdout (the help goes there, exit 0). */
async function help(...args: string[]): Promise<string> {
  const io = captureIo();
  expect(await main(args, io), `meshsim ${args.join(' ')}`).toBe(0);
  return io.out();
}

/** The lines of a help text's `Heading:` block, up to the next blank line. */
function block(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${heading}:`);
  expect(start, `a "${heading}:" block`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.trim() === '');
  return end === -1 ? rest : rest.slice(0, end);
}

/** Flags in the first column of an `Options:` block (`-h, --help`, `--seed N`, …). */
function helpFlags(text: string): string[] {
  return block(text, 'Options')
    .filter((line) => /^ {2}-/.test(line))
    .flatMap((line) => (line.trim().split(/ {2,}/)[0] ?? '').match(/--?[a-z][a-z-]*/g) ?? []);
}

/** Every `-x` / `--flag` token of a piece of the page. */
function pageFlags(text: string): string[] {
  // A line that runs kubectl first (`kubectl get nodes -o yaml > nodes.yaml; meshsim import …`) has kubectl's flags.
  const ours = text
    .split('\n')
    .filter((line) => !/^\s*kubectl\s/.test(line))
    .join('\n');
  // A link's anchor (`analysis.md#--set-overrides`) names a heading, not a flag.
  return [...new Set(ours.match(/(?<![\w#-])--?[a-z][a-z-]*(?![\w-])/g) ?? [])].filter(
    // `-v` and `-h` are flags; a lone hyphenated word inside prose (e.g. "non-negative") is not matched.
    (flag) => flag.startsWith('--') || flag.length === 2,
  );
}

/** The mesh shapes `meshsim compare --help` lists after "in this order:" (the list may wrap over lines). */
function meshShapes(compareHelp: string): string[] {
  const after = compareHelp.split('in this order:\n')[1]?.split('\n') ?? [];
  const end = after.findIndex((line) => /^\s*(-|$)/.test(line));
  return after
    .slice(0, end === -1 ? 0 : end)
    .join(',')
    .split(',')
    .map((shape) => shape.trim())
    .filter(Boolean);
}

/** The `## \`meshsim <command>\`` section of the page, or '' if none. */
function section(command: string): string {
  const start = page.indexOf(`\n## \`meshsim ${command}\`\n`);
  if (start === -1) return '';
  const rest = page.slice(start + 1);
  const end = rest.indexOf('\n## ', 1);
  return end === -1 ? rest : rest.slice(0, end);
}

/** Code spans and code blocks of the page: where it shows command lines. */
const code = [
  ...[...page.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((match) => match[1] ?? ''),
  ...[...page.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? ''),
].join('\n');

describe('docs/cli.md stays readable', () => {
  it('no table cell is longer than 1,500 characters: a longer explanation is a subsection below its table', () => {
    const long = page
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .flatMap((line) => line.split(/(?<!\\)\|/).slice(1, -1))
      .map((cell) => cell.trim())
      .filter((cell) => cell.length > 1500)
      .map((cell) => `${cell.slice(0, 40)}… (${cell.length} characters)`);
    expect(long).toEqual([]);
  });
});

describe('docs/cli.md matches the help of the CLI', async () => {
  const overview = await help('--help');
  const commands = block(overview, 'Commands').map((line) => line.trim().split(/\s+/)[0] ?? '');
  const helpOf = new Map<string, string>();
  for (const command of commands.filter((name) => name !== 'help'))
    helpOf.set(command, await help(command, '--help'));
  const shapes = meshShapes(helpOf.get('compare') ?? '');

  it('the help lists the commands and mesh shapes this test reads', () => {
    expect(commands).toEqual(expect.arrayContaining(['list', 'run', 'compare', 'validate', 'help']));
    expect(shapes.length).toBeGreaterThanOrEqual(3);
    expect(shapes).toContain('none');
  });

  it('every command of `meshsim --help` is in the command table, and the table has no other', () => {
    const table = page.slice(page.indexOf('| command |'), page.indexOf('\n\n', page.indexOf('| command |')));
    const documented = [...table.matchAll(/`meshsim ([a-z]+)/g)].map((match) => match[1]);
    expect([...new Set(documented)].sort()).toEqual([...commands].sort());
  });

  it('every command the page shows (`meshsim <command> …`) exists', () => {
    const shown = [...code.matchAll(/\bmeshsim ([a-z][a-z-]*)/g)].map((match) => match[1] ?? '');
    expect([...new Set(shown)].filter((name) => !commands.includes(name))).toEqual([]);
  });

  it('the top-level flags of `meshsim --help` are documented', () => {
    const flags = helpFlags(overview);
    expect(flags).toEqual(expect.arrayContaining(['-h', '--help', '-v', '--version']));
    for (const flag of flags) expect(pageFlags(page), flag).toContain(flag);
  });

  it.each(['list', 'run', 'compare', 'validate'])(
    "every flag of `meshsim %s --help` is in that command's section, and the section names no other",
    (command) => {
      const text = section(command);
      expect(text, `docs/cli.md has a section for meshsim ${command}`).not.toBe('');
      const flags = helpFlags(helpOf.get(command) ?? '');
      expect(flags).toContain('--help');
      for (const flag of flags) expect(pageFlags(text), `${command} ${flag}`).toContain(flag);
      expect(pageFlags(text).filter((flag) => !flags.includes(flag))).toEqual([]);
    },
  );

  it('no flag anywhere on the page is unknown to the CLI', () => {
    const known = new Set([...helpFlags(overview), ...[...helpOf.values()].flatMap(helpFlags)]);
    expect(pageFlags(page).filter((flag) => !known.has(flag))).toEqual([]);
  });

  it('`--mesh SHAPE` of run lists exactly the mesh shapes of `meshsim compare --help`, in order', () => {
    const row = section('run')
      .split('\n')
      .find((line) => line.startsWith('| `--mesh SHAPE` |'));
    expect(row, 'the --mesh SHAPE row of the run flags table').toBeDefined();
    const values = (row ?? '').split('|')[2] ?? '';
    const documented = [...values.replace(/\([^)]*\)/g, '').matchAll(/`([a-z0-9-]+)`/g)].map(
      (match) => match[1],
    );
    expect(documented).toEqual(shapes);
  });

  it('the lines of the `meshsim list` example are real', async () => {
    const listed = (await help('list')).split('\n');
    const example = section('list').split('$ meshsim list\n')[1]?.split('```')[0] ?? '';
    const lines = example.split('\n').filter((line) => line !== '' && line !== '...');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => !listed.includes(line))).toEqual([]);
  });

  it("the `compare --replications` example's tables are what that command prints", async () => {
    const block = page.split('<!-- output: compare --replications -->\n```\n')[1]?.split('```')[0] ?? '';
    const [command = '', ellipsis, ...shown] = block.trimEnd().split('\n');
    expect(command).toMatch(/^\$ meshsim compare /);
    expect(ellipsis).toBe('…');
    const io = captureIo();
    const args = command.replace(/^\$ meshsim /, '').split(' ');
    expect(await main([...args, '--no-progress'], io), command).toBe(0);
    // From the intervals per shape to the end of the paired differences.
    const out = io.out();
    const start = out.indexOf('\nPer shape over ') + 1;
    const end = out.indexOf('\n\n', out.indexOf('\nPaired differences vs '));
    expect(start).toBeGreaterThan(0);
    expect(shown.join('\n')).toBe(out.slice(start, end));
  });
});

describe('docs/output-formats.md names every CSV table the CLI prints', () => {
  it("the CSV row of the formats table lists exactly `--table`'s names, as its error gives them", async () => {
    const io = captureIo();
    expect(await main(['run', 'steady-3tier', '--csv', '--table', 'bogus'], io)).toBe(2);
    const expected = /expected one of: ([a-z, -]+)\)/.exec(io.err())?.[1]?.split(', ');
    expect(expected?.length).toBeGreaterThan(1);
    const formats = readFileSync(
      fileURLToPath(new URL('../../../docs/output-formats.md', import.meta.url)),
      'utf8',
    );
    const row = formats.split('\n').find((line) => line.startsWith('| [CSV](#csv) |')) ?? '';
    const cell = row.split(' | ')[1] ?? '';
    const documented = [...cell.matchAll(/`(?:--table )?([a-z-]+)`/g)]
      .map((m) => m[1])
      .filter((n) => n !== undefined && !n.startsWith('-'));
    expect(documented).toEqual(expected);
  });
});

describe("docs/output-formats.md places compare's verdict field where the JSON has it", () => {
  it('the field the page names as coming before `verdict` is the one before it', async () => {
    const formats = readFileSync(
      fileURLToPath(new URL('../../../docs/output-formats.md', import.meta.url)),
      'utf8',
    );
    const named = /each shape has a `verdict` field after `(\w+)`/.exec(formats)?.[1];
    expect(named).toBeDefined();
    const io = captureIo();
    expect(
      await main(['compare', 'steady-3tier', '--mesh', 'none,linkerd', '--duration', '1s', '--json'], io),
    ).toBe(0);
    const shape = (JSON.parse(io.out()) as { shapes: Record<string, unknown>[] }).shapes[0] ?? {};
    const keys = Object.keys(shape);
    expect(keys[keys.indexOf('verdict') - 1]).toBe(named);
  });
});

describe('the example rows of docs/output-formats.md are what their command prints', () => {
  const formats = readFileSync(
    fileURLToPath(new URL('../../../docs/output-formats.md', import.meta.url)),
    'utf8',
  );
  /** Every `<!-- example: COMMAND -->` marker with the code block after it (other markers may come between). */
  const examples = [
    ...formats.matchAll(/^<!-- example: (.+) -->\n(?:<!-- .+ -->\n)*```\n([\s\S]*?)```$/gm),
  ].map(([, command = '', block = '']) => [command, block.trimEnd().split('\n')] as const);
  /** Library renderers an example may name, as `renderX(simulate(loadScenario('name')))`. */
  const RENDERERS: Readonly<Record<string, typeof renderTimeSeriesCsv>> = {
    renderTimeSeriesCsv,
    renderServiceSeriesCsv,
  };

  /** What the example's command prints: `meshsim …` through the CLI, a renderer of a bundled scenario's run. */
  async function output(command: string): Promise<string[]> {
    const library = /^(\w+)\(simulate\(loadScenario\('([\w-]+)'\)\)\)$/.exec(command);
    if (library !== null) {
      const render = RENDERERS[library[1] ?? ''];
      expect(render, `${command}: a renderer the test knows`).toBeDefined();
      return (render?.(simulate(loadScenario(library[2] ?? ''))) ?? '').split('\n');
    }
    expect(command).toMatch(/^meshsim /);
    const io = captureIo();
    expect(await main(command.replace(/^meshsim /, '').split(' '), io), command).toBe(0);
    return io.out().split('\n');
  }

  /** `…` in an example line stands for any text (a long price source cut short). */
  const matches = (shown: string, real: string): boolean =>
    new RegExp(
      `^${shown
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(real);

  it('the page has examples to check', () => {
    expect(examples.map(([command]) => command)).toHaveLength(6);
  });

  it.each(examples)('%s', async (command, shown) => {
    const real = await output(command);
    // A line `...` leaves lines out: each run of lines between them is a run of the output's, in order.
    const runs: string[][] = [[]];
    for (const line of shown) {
      if (line === '...') runs.push([]);
      else runs[runs.length - 1]?.push(line);
    }
    let from = 0;
    for (const run of runs.filter((lines) => lines.length > 0)) {
      const at = real.findIndex((line, i) => i >= from && matches(run[0] ?? '', line));
      expect(at, `${command}: prints a line like ${run[0] ?? ''}`).toBeGreaterThanOrEqual(0);
      const printed = real.slice(at, at + run.length);
      expect(run.map((line, i) => (matches(line, printed[i] ?? '') ? (printed[i] ?? '') : line))).toEqual(
        printed,
      );
      from = at + run.length;
    }
  });
});

describe("docs/output-formats.md says how a sweep's axis values are typed", () => {
  it('a bare number is a number, a number with a unit a string, on one axis, as the page shows', async () => {
    const formats = readFileSync(
      fileURLToPath(new URL('../../../docs/output-formats.md', import.meta.url)),
      'utf8',
    );
    const shown = /`--set (traffic\.0\.rate)=([^`]+)` gives `"([^"]+)"` and `(\d+)`/.exec(
      formats.replace(/\s*\n\s*/g, ' '),
    );
    expect(shown).not.toBeNull();
    const [, path = '', values = '', text = '', number = ''] = shown ?? [];
    const io = captureIo();
    const store = `${tempDir()}/sweep.duckdb`;
    const args = [
      'sweep',
      'steady-3tier',
      '--set',
      `${path}=${values}`,
      '--duration',
      '1s',
      '--workers',
      '0',
    ];
    expect(await main([...args, '--store', store, '--json'], io), io.err()).toBe(0);
    const sweep = JSON.parse(io.out()) as { summary: { values: Record<string, unknown> }[] };
    expect(sweep.summary.map((point) => point.values[path])).toEqual([text, Number(number)]);
  });
});
