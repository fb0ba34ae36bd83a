// Parses YAML (or JSON) text into a document while watching its nesting: the parser is driven one
// lexical token at a time and stops as soon as collections nest deeper than the limit, so that
// hostile input (10,000 nested brackets) is refused in linear time instead of overflowing the stack.

import { Composer, Lexer, LineCounter, Parser, YAMLParseError } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/** What {@link parseYamlBounded} found: a document, or the offset where nesting passed the limit. */
export type BoundedYaml =
  | { readonly kind: 'document'; readonly doc: Document.Parsed; readonly lineCounter: LineCounter }
  | { readonly kind: 'too-deep'; readonly offset: number; readonly lineCounter: LineCounter };

/**
 * Parses the first document of `text` as `yaml`'s `parseDocument` does (a second document is an
 * error), but refuses it once maps and lists nest deeper than `maxDepth`.
 *
 * @param text - The file contents.
 * @param maxDepth - Most levels of nested collections.
 * @param options - Options of the composer (`merge`, `uniqueKeys`, …).
 */
export function parseYamlBounded(
  text: string,
  maxDepth: number,
  options: ParseOptions & DocumentOptions & SchemaOptions,
): BoundedYaml {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    // The parser's stack holds the document and each collection being built.
    if (parser.stack.length - 1 > maxDepth) {
      return { kind: 'too-deep', offset: Math.min(parser.offset, text.length), lineCounter };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  const composer = new Composer(options);
  let doc: Document.Parsed | null = null;
  for (const next of composer.compose(tokens, true, text.length)) {
    if (doc === null) {
      doc = next;
    } else {
      const [start, end] = next.range;
      doc.errors.push(
        new YAMLParseError(
          [start, end],
          'MULTIPLE_DOCS',
          'Source contains multiple documents; please use YAML.parseAllDocuments()',
        ),
      );
      break;
    }
  }
  return { kind: 'document', doc: doc as Document.Parsed, lineCounter };
}
