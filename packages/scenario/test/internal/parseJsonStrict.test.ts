// Strict JSON parsing with the offset of the first error: JSON.parse's reason, and where it is even when
// JSON.parse does not say (Node 20's "Unexpected token" messages carry no position).

import { describe, expect, it } from 'vitest';

import { findJsonSyntaxError, jsonErrorOffset, parseJsonStrict } from '../../src/internal/parseJsonStrict.js';

/** The error `parseJsonStrict` reports for `text`; fails the test when the text is valid JSON. */
function errorOf(text: string): { offset: number; reason: string } {
  const result = parseJsonStrict(text);
  if (result.kind === 'value') throw new Error(`expected invalid JSON: ${text}`);
  return { offset: result.offset, reason: result.reason };
}

describe('parseJsonStrict', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonStrict('{ "a": [1, -2.5e3, true, null, "x\\u00e9"] }')).toEqual({
      kind: 'value',
      value: { a: [1, -2.5e3, true, null, 'xé'] },
    });
  });

  it('refuses a trailing comma in an object, at the closing brace, naming the comma', () => {
    expect(errorOf('{"a": 1,\n}')).toEqual({
      offset: 9,
      reason: "Expected double-quoted property name (a trailing comma: JSON allows none before '}' or ']')",
    });
  });

  it('refuses a trailing comma in a list at the bracket, though JSON.parse names no position for it', () => {
    expect(errorOf('{"a": [1, 2, ]}')).toEqual({
      offset: 13,
      reason: "Unexpected token ']' (a trailing comma: JSON allows none before '}' or ']')",
    });
  });

  it('names comments, and gives JSON.parse reasons for single quotes, NaN and text after the document', () => {
    expect(errorOf('// mine\n{}')).toEqual({
      offset: 0,
      reason: "Unexpected token '/' (JSON has no comments: a YAML scenario file can have them)",
    });
    expect(errorOf("{'a': 1}")).toEqual({ offset: 1, reason: "Expected property name or '}'" });
    expect(errorOf('{"a": NaN}')).toEqual({ offset: 6, reason: "Unexpected token 'N'" });
    expect(errorOf('{} {}')).toEqual({
      offset: 3,
      reason: 'Unexpected non-whitespace character after JSON',
    });
  });

  it('puts an unfinished document at its end, and writes a control character escaped', () => {
    expect(errorOf('{"a": [1')).toEqual({ offset: 8, reason: "Expected ',' or ']' after array element" });
    expect(errorOf('{"a": \n')).toEqual({ offset: 7, reason: 'Unexpected end of JSON input' });
    expect(errorOf('{"a": t\n}')).toEqual({ offset: 7, reason: "Unexpected token '\\n'" });
  });
});

describe('findJsonSyntaxError', () => {
  it('gives the line and column (1-based) of the first error, CRLF line ends and a byte-order mark counted out', () => {
    const trailing =
      "Expected double-quoted property name (a trailing comma: JSON allows none before '}' or ']')";
    expect(findJsonSyntaxError('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1, reason: trailing });
    expect(findJsonSyntaxError('\uFEFF{\r\n  "a": [1,\r\n  ]}')).toEqual({
      line: 3,
      column: 3,
      reason: "Unexpected token ']' (a trailing comma: JSON allows none before '}' or ']')",
    });
    expect(findJsonSyntaxError('\uFEFF{"a": 1, "a": 2}')).toBeNull();
  });
});

describe('jsonErrorOffset', () => {
  it('finds the offset JSON.parse names, on thousands of damaged documents', () => {
    const base = JSON.stringify(
      { a: [1, -2.5e3, true, false, null, 'x\\y"z'], b: { c: 'd', e: [], f: {} }, g: 0 },
      null,
      2,
    );
    const alphabet = '{}[],:"\\u01-.eE+tnf \nxN\u0001';
    let state = 7;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    let compared = 0;
    for (let round = 0; round < 5000; round++) {
      let text = base;
      for (let edits = 1 + next(3); edits > 0; edits--) {
        const at = next(text.length + 1);
        const char = alphabet[next(alphabet.length)] as string;
        const op = next(3);
        text =
          op === 0
            ? text.slice(0, at) + text.slice(at + 1)
            : text.slice(0, at) + char + text.slice(op === 1 ? at : at + 1);
      }
      let message: string;
      try {
        JSON.parse(text);
        continue;
      } catch (error) {
        message = (error as Error).message;
      }
      const position = /at position (\d+)/.exec(message);
      const token = /^Unexpected token '(.)'/s.exec(message);
      if (position !== null) expect([text, jsonErrorOffset(text)]).toEqual([text, Number(position[1])]);
      else if (token !== null) expect([text, text[jsonErrorOffset(text)]]).toEqual([text, token[1]]);
      else expect([text, jsonErrorOffset(text)]).toEqual([text, text.length]);
      compared++;
    }
    expect(compared).toBeGreaterThan(4000);
  });
});
