// Docs cite public sources, never the authors' machines: no tracked file names a local research folder or a
// machine path, and every source key cited in docs or code resolves to an entry of docs/sources.md.

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES_FILE = 'docs/sources.md';

/** Paths a reader of the repository does not have (assembled so that this file does not match itself). */
const FORBIDDEN = [['..', 'shared', ''].join('/'), ['', 'work', ''].join('/'), ['', 'tmp', ''].join('/')];

const TEXT_FILE = /\.(md|ts|js|mjs|cjs|json|ya?ml|txt)$/;

/** Tracked files (git ls-files), or every file outside node_modules, dist and .git when git is unavailable. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (!entry.isDirectory()) return [path];
        return ['node_modules', 'dist', '.git'].includes(entry.name) ? [] : walk(path);
      });
    return walk('');
  }
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Markdown without its code blocks and code spans (which show syntax, not citations). */
function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

const files = repositoryFiles().filter((file) => TEXT_FILE.test(file) && file !== 'pnpm-lock.yaml');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const sources = read(SOURCES_FILE);
/** Citation keys: the `### key` entries of docs/sources.md. */
const keys = [...sources.matchAll(/^### ([a-z0-9-]+)$/gm)].map((match) => match[1] ?? '');
/** Every anchor of docs/sources.md (entries and section headings). */
const anchors = new Set([...sources.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? '')));
const docs = files.filter((file) => file.endsWith('.md'));
/**
 * Pages whose every attributed behaviour is cited: none may name a source "from memory" or say it is not in
 * docs/sources.md, and each of their "Sources:" paragraphs cites at least one entry.
 */
const FULLY_CITED = [
  'docs/policies.md',
  'docs/policies/authorization-mtls.md',
  'docs/policies/circuit-breakers.md',
  'docs/policies/deadlines.md',
  'docs/policies/server-protection.md',
];

describe('docs and sources', () => {
  it('no tracked doc or source file points at a local research folder or a machine path', () => {
    const hits = files.flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, index) =>
          FORBIDDEN.filter((path) => line.includes(path)).map((path) => `${file}:${index + 1}: ${path}`),
        ),
    );
    expect(hits).toEqual([]);
  });

  it('docs/sources.md has unique keys, each with a public address or filed under project material', () => {
    expect(keys.length).toBeGreaterThan(30);
    expect(new Set(keys).size, 'duplicate keys').toBe(keys.length);
    const sections = sources.split(/^### /m).slice(1);
    const projectStart = sources.indexOf('\n## Project material\n');
    const withoutAddress = sections
      .filter((section) => !/https:\/\//.test(section))
      .map((section) => section.split('\n')[0] ?? '')
      .filter((key) => sources.indexOf(`\n### ${key}\n`) < projectStart);
    expect(withoutAddress).toEqual([]);
  });

  it('every [[key]] cited in a doc is an entry of docs/sources.md and links to it', () => {
    const problems: string[] = [];
    for (const doc of docs) {
      for (const match of prose(read(doc)).matchAll(/\[\[([^\]]+)\]\](\(([^)]*)\))?/g)) {
        const [, key = '', , link] = match;
        if (!keys.includes(key)) problems.push(`${doc}: [[${key}]] is not an entry of ${SOURCES_FILE}`);
        const target = doc === SOURCES_FILE ? `#${key}` : `sources.md#${key}`;
        if (link === undefined || !link.endsWith(target)) {
          problems.push(`${doc}: [[${key}]] should link to ${target} (got ${String(link)})`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('a fully cited page names no source from memory, and each of its Sources paragraphs cites an entry', () => {
    const problems = FULLY_CITED.flatMap((doc) => {
      const paragraphs = prose(read(doc)).split(/\n\s*\n/);
      return paragraphs.flatMap((paragraph) => {
        const found: string[] = [];
        if (/from memory|not in \[?sources\.md/i.test(paragraph)) {
          found.push(`${doc}: uncited source: ${paragraph.slice(0, 80)}`);
        }
        if (/^Sources?:/.test(paragraph.trim()) && !/\[\[[a-z0-9-]+\]\]/.test(paragraph)) {
          found.push(`${doc}: Sources paragraph without a [[key]]: ${paragraph.slice(0, 80)}`);
        }
        return found;
      });
    });
    expect(problems).toEqual([]);
  });

  it('a bare [key] in a doc (a citation missing its link) names an entry of docs/sources.md', () => {
    const problems = docs.flatMap((doc) =>
      [...prose(read(doc)).matchAll(/(?<!\[)\[([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\](?![[(:\]])/g)]
        .map((match) => match[1] ?? '')
        .filter((key) => !keys.includes(key))
        .map((key) => `${doc}: [${key}]`),
    );
    expect(problems).toEqual([]);
  });

  it('every link to an anchor of docs/sources.md, in docs and in code comments, resolves', () => {
    const problems: string[] = [];
    for (const file of files) {
      const text = file.endsWith('.md') ? prose(read(file)) : read(file);
      const own = file === SOURCES_FILE ? [...text.matchAll(/\]\(#([^)]+)\)/g)] : [];
      for (const match of [...text.matchAll(/sources\.md#([a-z0-9-]+)/g), ...own]) {
        const anchor = match[1] ?? '';
        if (!anchors.has(anchor)) problems.push(`${relative('.', file)}: sources.md#${anchor}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
