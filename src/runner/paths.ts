import { relative, resolve } from 'node:path';

/**
 * The path of `name` directly inside `root`: `name` must be one plain path component (no separator, not
 * `.` or `..`), so the result can never leave `root` whatever the name holds. Throws an Error naming both
 * otherwise; callers validate their inputs first, so this is the guard of last resort.
 */
export function childPath(root: string, name: string): string {
  const path = resolve(root, name);
  if (
    !name ||
    name === '.' ||
    name === '..' ||
    /[/\\]/.test(name) ||
    relative(resolve(root), path) !== name
  ) {
    throw new Error(`"${name}" is not a plain name inside ${root}`);
  }
  return path;
}
