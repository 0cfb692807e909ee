// The one rule for inputs without effect (modes.ts), applied to inputs another input makes useless: set
// (different from its default), they are an error before anything runs, naming both.
import { InputError } from '../runner/errors.js';
import { isSet } from './modes.js';
import type { InputGetter } from './types.js';

interface Companion {
  /** The input that has no effect… */
  input: string;
  /** …when this holds of the others (given the raw values, as the runner passes them). */
  when: (get: InputGetter) => string | undefined;
  fix: string;
}

const value = (get: InputGetter, name: string) => get(name).trim().toLowerCase();

export const COMPANIONS: readonly Companion[] = [
  {
    input: 'qemu-image',
    when: (get) => (['off', 'host'].includes(value(get, 'qemu')) ? `qemu: ${value(get, 'qemu')}` : undefined),
    fix: 'set qemu: image (or auto), or remove qemu-image',
  },
  {
    input: 'cache',
    // cache: off beside them says the same thing twice: no managed cache.
    when: (get) =>
      value(get, 'cache') !== 'off' && (get('cache-from') || get('cache-to'))
        ? 'cache-from / cache-to (they replace the managed cache)'
        : undefined,
    fix: 'remove cache, or remove cache-from and cache-to',
  },
  {
    input: 'cache-write',
    when: (get) =>
      value(get, 'cache') === 'off'
        ? 'cache: off'
        : get('cache-from') || get('cache-to')
          ? 'cache-from / cache-to (passed as given)'
          : undefined,
    fix: 'remove cache-write',
  },
  {
    input: 'cache-ref',
    when: (get) =>
      ['gha', 'local', 'off'].includes(value(get, 'cache'))
        ? `cache: ${value(get, 'cache')}`
        : get('cache-from') || get('cache-to')
          ? 'cache-from / cache-to'
          : undefined,
    fix: 'set cache: registry (or auto), or remove cache-ref',
  },
];

/** Throws InputError for the first set input another input makes useless (COMPANIONS). */
export function checkCompanions(get: InputGetter): void {
  for (const { input, when, fix } of COMPANIONS) {
    if (!isSet(get, input)) continue;
    const because = when(get);
    if (because) throw new InputError(input, `has no effect with ${because}; ${fix}`);
  }
}
