// The TypeScript examples of the docs and READMEs compile against the packages as they are: each ```ts block is
// type-checked as a module of its own (an import it forgets, a renamed export or a changed signature fails here).
// Fragments may use the free names of FRAGMENT_GLOBALS (a result, a config, a scenario text) without declaring them.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** What a fragment may use without declaring it: the objects the text around it has introduced. */
const FRAGMENT_GLOBALS = `
declare const result: import('meshsim').SimulationResult;
declare const config: import('meshsim').SimulationConfig;
declare const yamlText: string;
`;

function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const docs = [
  'README.md',
  ...markdownFiles('docs'),
  ...readdirSync(join(ROOT, 'packages')).map((pkg) => join('packages', pkg, 'README.md')),
].filter((path) => existsSync(join(ROOT, path)));

/** Each ```ts block: the doc, the line it starts on, its code. */
const snippets = docs.flatMap((doc) => {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match) => ({
    doc,
    line: text.slice(0, match.index).split('\n').length + 1,
    code: match[1] as string,
  }));
});

describe('TypeScript examples in the docs', () => {
  it('there are some (the scan finds the blocks)', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });

  it('each compiles against the packages', () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (parsed === undefined) throw new Error('tsconfig.json did not parse');
    const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false };
    const files = new Map<string, { doc: string; line: number; text: string }>();
    snippets.forEach(({ doc, line, code }, index) =>
      files.set(join(ROOT, `doc-snippet-${index}.ts`), { doc, line, text: `${code}\nexport {};\n` }),
    );
    const globals = join(ROOT, 'doc-snippet-globals.d.ts');
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const virtualText = (name: string): string | undefined =>
      name === globals ? FRAGMENT_GLOBALS : files.get(name)?.text;
    host.getSourceFile = (name, language, ...rest) => {
      const text = virtualText(name);
      return text === undefined
        ? getSourceFile(name, language, ...rest)
        : ts.createSourceFile(name, text, language);
    };
    host.fileExists = (name) => virtualText(name) !== undefined || ts.sys.fileExists(name);
    host.readFile = (name) => virtualText(name) ?? ts.sys.readFile(name);
    const program = ts.createProgram([globals, ...files.keys()], options, host);
    const problems: string[] = [];
    for (const [name, { doc, line }] of files) {
      const source = program.getSourceFile(name);
      for (const diagnostic of [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ]) {
        const at =
          diagnostic.start === undefined
            ? 0
            : ts.getLineAndCharacterOfPosition(source!, diagnostic.start).line;
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
        problems.push(`${doc}:${line + at}: ${message}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
