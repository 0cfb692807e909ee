// List inputs in the grammar of Docker's actions (their toolkit's getInputList over csv-parse).
import { describe, expect, it } from 'vitest';
import { COMMAS, parseList, PER_LINE, RAW_LINES, type ListGrammar } from '../../../src/inputs/grammar.js';
import { InputError } from '../../../src/runner/errors.js';

const texts = (text: string, grammar: ListGrammar) => parseList('x', text, grammar).map((i) => i.text);

describe('parseList', () => {
  it.each([
    { name: 'one per line, commas kept', text: 'A=1,2\nB=3', grammar: PER_LINE, expected: ['A=1,2', 'B=3'] },
    { name: 'commas split', text: 'a,b\nc', grammar: COMMAS, expected: ['a', 'b', 'c'] },
    {
      name: 'a quoted item keeps commas, = and newlines',
      text: '"A=1,2\nline two"\nB=3',
      grammar: PER_LINE,
      expected: ['A=1,2\nline two', 'B=3'],
    },
    {
      name: 'doubled quotes inside a quoted item',
      text: '"J={""k"":""v""}"',
      grammar: PER_LINE,
      expected: ['J={"k":"v"}'],
    },
    {
      name: 'an empty line inside quotes is kept',
      text: '"E=a\n\nb"',
      grammar: PER_LINE,
      expected: ['E=a\n\nb'],
    },
    {
      name: 'quotes in the middle of an item are characters',
      text: 'A="1,2"',
      grammar: PER_LINE,
      expected: ['A="1,2"'],
    },
    {
      name: 'a quoted single item in a comma list still splits (as Docker)',
      text: '"a,b"',
      grammar: COMMAS,
      expected: ['a', 'b'],
    },
    {
      name: 'quoted and plain fields on one comma line',
      text: '"a,b",c',
      grammar: COMMAS,
      expected: ['a,b', 'c'],
    },
    {
      name: 'quoted and plain fields on one per-line line join with commas',
      text: '"A=1,2",B',
      grammar: PER_LINE,
      expected: ['A=1,2,B'],
    },
    {
      name: 'items trimmed, empty ones dropped',
      text: ' a , ,b\n\n  \n c ',
      grammar: COMMAS,
      expected: ['a', 'b', 'c'],
    },
    { name: 'CRLF', text: 'a\r\nb,c\r\n', grammar: COMMAS, expected: ['a', 'b', 'c'] },
    {
      name: 'comment lines dropped whole, # inside a value kept',
      text: '# linux/arm64,linux/arm/v7\nk=v#1\n  # indented\n"s=a\n# not a comment"',
      grammar: PER_LINE,
      expected: ['k=v#1', 's=a\n# not a comment'],
    },
    {
      name: 'raw lines keep their quotes (buildx parses them)',
      text: '"env.no_proxy=localhost,127.0.0.1"\ntype=image,"name=a,b"',
      grammar: RAW_LINES,
      expected: ['"env.no_proxy=localhost,127.0.0.1"', 'type=image,"name=a,b"'],
    },
    { name: 'empty', text: '', grammar: COMMAS, expected: [] },
  ])('$name', ({ text, grammar, expected }) => {
    expect(texts(text, grammar)).toEqual(expected);
  });

  it('gives the line each item starts on', () => {
    expect(parseList('x', '# c\n"a=1\n2\n3"\n\nb=2', PER_LINE)).toEqual([
      { text: 'a=1\n2\n3', line: 2 },
      { text: 'b=2', line: 6 },
    ]);
  });

  it.each([
    {
      text: '"a=1\nb=2',
      error: /^x: a double quote is never closed \(the input ends inside it, line 2\); close it/,
    },
    {
      text: 'a=1\n  "b=2"',
      error: /^x: the item on line 2 starts with a double quote that does not enclose it/,
    },
    { text: '"b=2" trailing', error: /^x: the item on line 1 starts with a double quote/ },
    { text: '"b=x"y"', error: /^x: the item on line 1 starts with a double quote/ },
  ])('$text → $error', ({ text, error }) => {
    expect(() => parseList('x', text, PER_LINE)).toThrow(InputError);
    expect(() => parseList('x', text, PER_LINE)).toThrow(error);
  });
});
