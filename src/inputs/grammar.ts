// List inputs read exactly as Docker's actions read them (their toolkit's getInputList): the value is CSV
// (relaxed quotes and column counts, empty lines skipped), so a double-quoted item may hold commas, `=` and
// newlines. Items of a one-item-per-line input keep their commas; the others split on commas too.
import { parse } from 'csv-parse/sync';
import { InputError } from '../runner/errors.js';

export interface ListItem {
  /** The item, trimmed. */
  text: string;
  /** The line of the input it starts on (1-based), for messages that must not quote the item. */
  line: number;
}

export interface ListGrammar {
  /** One item per line, commas kept (Docker's `ignoreComma`); otherwise commas separate items too. */
  perLine: boolean;
  /** Double quotes enclose an item (default); false reads them as plain characters (`outputs`, `driver-opts`). */
  quotes?: boolean;
}

interface Parsed {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Items of list input `name` whose value is `text`, as Docker's actions read them, each trimmed, empty ones
 * dropped. Beyond Docker's grammar: a line whose first character is `#` is a comment, dropped whole. Throws
 * InputError naming the input when a quote is never closed, or when an item starts with a quote that did
 * not enclose it (Docker would keep that quote in the value). Never quotes the text (it may be a secret).
 */
export function parseList(name: string, text: string, grammar: ListGrammar): ListItem[] {
  if (text.trim() === '') return [];
  let rows: Parsed[];
  try {
    rows = parse(text, {
      columns: false,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      comment: '#',
      comment_no_infix: true,
      info: true,
      raw: true,
      quote: grammar.quotes === false ? false : '"',
    }) as unknown as Parsed[];
  } catch (e) {
    const { code, lines } = e as { code?: string; lines?: number };
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new InputError(
        name,
        `a double quote is never closed (the input ends inside it, line ${lines ?? '?'}); close it after the last line of the value, as in "id=line one⏎line two"`,
      );
    }
    throw new InputError(name, `cannot be read as a list (${code ?? 'unreadable'}); write one item per line`);
  }
  const items: ListItem[] = [];
  for (const { record, raw, info } of rows) {
    const newlines = record.join('').split('\n').length - 1;
    const line = info.lines - newlines;
    // An indented comment line is a comment too (csv-parse only sees one at the very start of a line).
    if (!raw.trimStart().startsWith('"') && (record[0] ?? '').trimStart().startsWith('#')) continue;
    const texts =
      record.length === 1
        ? grammar.perLine
          ? record
          : (record[0] as string).split(',')
        : grammar.perLine
          ? [record.join(',')]
          : record;
    for (const t of texts) {
      const item = t.trim();
      if (item === '') continue;
      if (grammar.quotes !== false && item.startsWith('"')) {
        throw new InputError(
          name,
          `the item on line ${line} starts with a double quote that does not enclose it (a space before it, text after the closing one, or a quote inside the value that is not doubled as ""); put the quote first on the line and write "…""…" for a quote inside`,
        );
      }
      items.push({ text: item, line });
    }
  }
  return items;
}

/** The items' texts only. */
export const listOf = (name: string, text: string, grammar: ListGrammar): string[] =>
  parseList(name, text, grammar).map((i) => i.text);

/** Inputs Docker's actions read one item per line (commas kept); every other list input splits on commas. */
export const PER_LINE = { perLine: true } as const;
export const COMMAS = { perLine: false } as const;
/** Read as given, quotes included (buildx parses them itself): `outputs`, `driver-opts`. */
export const RAW_LINES = { perLine: true, quotes: false } as const;
