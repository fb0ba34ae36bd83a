// Renders a rule table as the markdown table of a docs page: `full` (policy pages: field, config field,
// unit, range, default, meaning, sources) or `format` (scenario-format.md: field, type, default, meaning).

import type { RuleBound, RuleRow, RuleSource, RuleTable } from '@meshsim/mesh';
import { MIN_CPU_CORES } from '@meshsim/mesh';
import { formatRuleValue } from './formatRuleValue.js';

/** Which columns a docs table has. */
export type RuleTableStyle = 'full' | 'format';

/** Where docs/sources.md is, relative to the page (`../sources.md` from docs/policies/). */
export interface RuleTableOptions {
  readonly style: RuleTableStyle;
  readonly sourcesHref: string;
}

const code = (text: string): string => `\`${text}\``;

/** A markdown cell: pipes escaped, no line breaks. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function bound(row: RuleRow, b: RuleBound): string {
  if (row.kind === 'rate' || (row.kind === 'duration' && b.value === 0)) return String(b.value);
  return formatRuleValue(row, b.value);
}

/** `[1s, 60s]`, `(0, 1000]`, `>= 1`, `> 0`: the numeric range of a row as written in a scenario. */
function numericRange(row: RuleRow, ge: string): string {
  const { min, max } = row;
  if (min !== undefined && max !== undefined) {
    return `${min.exclusive === true ? '(' : '['}${bound(row, min)}, ${bound(row, max)}${max.exclusive === true ? ')' : ']'}`;
  }
  if (min !== undefined) return `${min.exclusive === true ? '>' : ge} ${bound(row, min)}`;
  if (max !== undefined) return `${max.exclusive === true ? '<' : '<='} ${bound(row, max)}`;
  return '';
}

const KIND_NAMES: Readonly<Record<RuleRow['kind'], string>> = {
  integer: 'integer',
  number: 'number',
  duration: 'duration',
  percent: 'percentage',
  probability: 'probability',
  rate: 'rate',
  size: 'memory size',
  cpu: 'CPU quantity',
  boolean: 'boolean',
  enum: 'one of',
};

/** The type and range of a row as a scenario writes it: `integer >= 1 or \`unlimited\``, `duration in [1s, 60s]`. */
export function describeRuleType(row: RuleRow, ge = '>='): string {
  if (row.kind === 'enum') return (row.values ?? []).map((v) => code(String(v))).join(' | ');
  if (row.kind === 'boolean') return '`true` | `false`';
  const name = KIND_NAMES[row.kind];
  const range = numericRange(row, ge);
  // The quantity names already imply their usual range.
  const implied =
    (row.kind === 'duration' && range === `${ge} 0`) ||
    (row.kind === 'percent' && range === '[0%, 100%]') ||
    (row.kind === 'probability' && range === '[0, 1]') ||
    (row.kind === 'size' && range === `${ge} 0`);
  // CPU quantities are written in millicores below one core: `>= 1m`, not `>= 0.001`.
  if (row.kind === 'cpu' && range === `${ge} ${MIN_CPU_CORES}`) return `${name} ${ge} 1m`;
  const text =
    range === '' || implied
      ? name
      : range.startsWith('[') || range.startsWith('(')
        ? `${name} in ${range}`
        : `${name} ${range}`;
  const word = row.unlimited?.word;
  return word === undefined || word === null ? text : `${text} or ${code(word)}`;
}

/** The default of a row as a docs cell. */
export function describeRuleDefault(row: RuleRow): string {
  const d = row.default;
  if ('value' in d) return `${code(formatRuleValue(row, d.value))}${d.by === undefined ? '' : ` (${d.by})`}`;
  if ('required' in d) return '**required**';
  if ('none' in d) return d.none;
  return d.derived;
}

function source(source: RuleSource, href: string): string {
  if ('assumption' in source) return `assumption: ${source.assumption}`;
  const link = `[[${source.cite}]](${href}#${source.cite})`;
  return source.note === undefined ? link : `${link} (${source.note})`;
}

/** Where the default and each bound come from: `default: [key](…); >= 1: assumption: …`. */
function sources(row: RuleRow, href: string): string {
  const parts: string[] = [];
  const d = row.default;
  if ('source' in d) parts.push(`default: ${source(d.source, href)}`);
  const { min, max } = row;
  const ge = '≥';
  if (min !== undefined && max !== undefined && JSON.stringify(min.source) === JSON.stringify(max.source)) {
    parts.push(`range: ${source(min.source, href)}`);
  } else {
    if (min !== undefined)
      parts.push(`${min.exclusive === true ? '>' : ge} ${bound(row, min)}: ${source(min.source, href)}`);
    if (max !== undefined)
      parts.push(`${max.exclusive === true ? '<' : '≤'} ${bound(row, max)}: ${source(max.source, href)}`);
  }
  if (row.atLeast !== undefined)
    parts.push(`≥ ${code(row.atLeast.field)}: ${source(row.atLeast.source, href)}`);
  if (row.unlimited !== undefined) {
    const what = row.unlimited.word === null ? 'Infinity from code' : code(row.unlimited.word);
    parts.push(`${what}: ${source(row.unlimited.source, href)}`);
  }
  return parts.length === 0 ? '–' : parts.join('; ');
}

function unitOf(row: RuleRow): string {
  const unit = row.unit === 'none' ? '–' : row.unit;
  return row.configUnit === undefined ? unit : `${unit} (config: ${row.configUnit})`;
}

/** The range cell of the full style: the type and range, the relation, and Infinity where code may use it. */
function fullRange(row: RuleRow): string {
  let text = describeRuleType(row, '≥');
  if (row.atLeast !== undefined) text += `, ≥ ${code(row.atLeast.field)}`;
  if (row.unlimited?.word === null) text += ' (Infinity from code)';
  return text;
}

/** The type cell of the format style: the type and range, and the relation (`>= base`). */
function formatType(row: RuleRow): string {
  const text = describeRuleType(row);
  return row.atLeast === undefined ? text : `${text}, >= ${code(row.atLeast.field)}`;
}

/**
 * The markdown of `table` (caption and table, no trailing newline), as the docs marker blocks hold it.
 *
 * @param table - The rule table.
 * @param options - The style and the link to docs/sources.md from the page.
 */
export function renderRuleTable(table: RuleTable, options: RuleTableOptions): string {
  if (options.style === 'format') {
    const lines = ['| field | type | default | meaning |', '|---|---|---|---|'];
    for (const row of table.rows) {
      lines.push(
        `| ${[code(row.field), formatType(row), describeRuleDefault(row), row.description].map(cell).join(' | ')} |`,
      );
    }
    for (const field of table.docFields ?? []) {
      lines.push(
        `| ${[code(field.field), field.type, field.default, field.description].map(cell).join(' | ')} |`,
      );
    }
    return lines.join('\n');
  }
  const lines = [
    `${table.title}: ${code(table.scenarioPath)} in a scenario, ${code(table.configPath)} in the config. ` +
      'The default is what a scenario that omits the field gets; a config built in code gives every field.',
    '',
    '| field | config field | unit | range | default | meaning | sources |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of table.rows) {
    lines.push(
      `| ${[
        code(row.field),
        code(row.configField ?? row.field),
        unitOf(row),
        fullRange(row),
        describeRuleDefault(row),
        row.description,
        sources(row, options.sourcesHref),
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  for (const field of table.docFields ?? []) {
    lines.push(
      `| ${[
        code(field.field),
        code(field.configField ?? field.field),
        '–',
        field.type,
        field.default,
        field.description,
        '–',
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
