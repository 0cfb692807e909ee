// Readers for one input each: enums, booleans, references, platforms, and the key=value lists.
import { formatPlatform, parsePlatform, type Platform } from '../model/platforms.js';
import { miscasedHubName, parseReference } from '../registry/refs.js';
import { InputError } from '../runner/errors.js';
import { parseList, type ListGrammar, type ListItem } from './grammar.js';
import type { InputGetter, KeyValue } from './types.js';

export function oneOf<T extends string>(
  get: InputGetter,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = get(name) || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function bool(get: InputGetter, name: string, fallback: boolean): boolean {
  const value = get(name).toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(name, `"${get(name)}" is not true or false`);
}

export const optional = (value: string): string | undefined => (value === '' ? undefined : value);

export function reference(get: InputGetter, name: string, example: string): string | undefined {
  const value = optional(get(name));
  if (value === undefined) return value;
  const meant = miscasedHubName(value);
  if (meant !== undefined || !parseReference(value)) {
    throw new InputError(
      name,
      `"${value}" is not an image reference (e.g. ${example})${
        meant !== undefined && parseReference(meant)
          ? `; repository names are lowercase (the tag may have capitals): write "${meant}"`
          : ''
      }`,
    );
  }
  return value;
}

/** Error messages show the key only, never the value (a build-arg may carry a token despite the advice). */
function redactValue(line: string): string {
  const eq = line.indexOf('=');
  return eq > 0 ? `${line.slice(0, eq)}=…` : line.length > 64 ? `${line.slice(0, 60)}…` : line;
}

/** A secret id: also the name of the file its value is written to, so never `.` or `..`. */
export const SECRET_ID = /^[A-Za-z0-9_.-]+$/;

/**
 * `key=value` items of list input `name` (`what` says the form, e.g. NAME=value). The key is what comes
 * before the first `=`; the value keeps everything after it. Throws InputError quoting the key only.
 */
export function keyValues(
  get: InputGetter,
  name: string,
  what: string,
  grammar: ListGrammar,
  keyPattern = /^[^\s=]+$/,
): KeyValue[] {
  return parseList(name, get(name), grammar).map(({ text }) => {
    const eq = text.indexOf('=');
    const key = eq > 0 ? text.slice(0, eq).trim() : '';
    if (!key || !keyPattern.test(key)) {
      throw new InputError(name, `"${redactValue(text)}" is not ${what} (one per line)`);
    }
    return { key, value: text.slice(eq + 1) };
  });
}

/**
 * A value masking cannot protect: the runner would hide every later occurrence of it in the log, and a
 * value like this is what the second line of a multi-line secret written without quotes looks like.
 */
export const tooCommonToMask = (value: string): boolean =>
  value.trim().length < 3 || /^(true|false|yes|no|on|off|null|none|nil)$/i.test(value.trim());

const QUOTE_FIX = 'quote the whole id=value, across its lines, as in "npmrc=line one⏎line two"';

/**
 * The `secrets` input: `id=value` items, a multi-line value quoted whole. Where Docker's grammar would
 * quietly split an unquoted multi-line value into several secrets, fails instead: an item with no id, an
 * empty value, or a value too common to mask. Messages give line numbers and ids, never values.
 */
export function secretValues(get: InputGetter, name = 'secrets'): KeyValue[] {
  const items: ListItem[] = parseList(name, get(name), { perLine: true });
  return items.map(({ text, line }) => {
    const eq = text.indexOf('=');
    const key = eq > 0 ? text.slice(0, eq) : '';
    const value = text.slice(eq + 1);
    if (!SECRET_ID.test(key)) {
      throw new InputError(
        name,
        `line ${line} is not id=value with an id of letters, digits, _ . or - (the line is not shown, it may hold the secret); a value of several lines must be quoted: ${QUOTE_FIX}`,
      );
    }
    if (value.trim() === '') {
      throw new InputError(
        name,
        `"${key}" on line ${line} has an empty value; give it one or remove the line`,
      );
    }
    if (tooCommonToMask(value)) {
      throw new InputError(
        name,
        `"${key}" on line ${line} has a value too short or common to mask (the log would hide it everywhere): that is how the next line of a multi-line value written without quotes reads; ${QUOTE_FIX}, or pass a value that is not secret as a build-arg`,
      );
    }
    return { key, value };
  });
}

/** Platforms as buildx normalises them; each may be listed once. */
export function platforms(get: InputGetter, name: string): Platform[] {
  const seen = new Map<string, string>();
  return parseList(name, get(name), { perLine: false }).map(({ text }) => {
    let platform: Platform;
    try {
      platform = parsePlatform(text);
    } catch (e) {
      throw new InputError(name, (e as Error).message);
    }
    const normal = formatPlatform(platform);
    const first = seen.get(normal);
    if (first !== undefined) {
      throw new InputError(
        name,
        `"${text}" duplicates "${first}" (both are ${normal}); list each platform once`,
      );
    }
    seen.set(normal, text);
    return platform;
  });
}

/** FROM is matched as written (linux/arm must not be normalised to linux/arm/v7: that is what it fixes). */
function parseOverrideSide(text: string): Platform {
  const [os, arch, variant, ...rest] = text.toLowerCase().split('/');
  if (!os || !arch || rest.length) throw new Error(`"${text}" is not os/arch[/variant]`);
  parsePlatform(text); // validates os and arch names
  return variant ? { os, arch, variant } : { os, arch };
}

export function overrides(get: InputGetter): Array<{ from: Platform; to: Platform }> {
  return parseList('platform-overrides', get('platform-overrides'), { perLine: true }).map(({ text }) => {
    const [from, to, ...rest] = text.split('=').map((s) => s.trim());
    if (!from || !to || rest.length) {
      throw new InputError('platform-overrides', `"${text}" is not FROM=TO (e.g. linux/arm=linux/arm/v7)`);
    }
    try {
      return { from: parseOverrideSide(from), to: parsePlatform(to) };
    } catch (e) {
      throw new InputError('platform-overrides', `${(e as Error).message} in "${text}"`);
    }
  });
}
