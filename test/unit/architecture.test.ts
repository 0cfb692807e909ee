// The shape of src/ that keeps it easy to change, checked on every run: no import cycles, runner facts read in
// one place, no mutable state at module level outside the entry.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = sources();
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const name = (f: string) => relative(SRC, f);

/** Relative imports (static and dynamic) of a file, resolved to .ts files under src/. */
function importsOf(file: string): string[] {
  const body = text.get(file) ?? '';
  const specs = [
    ...body.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms),
    ...body.matchAll(/^import\s+'(\.[^']+)'/gm),
    ...body.matchAll(/import\('(\.[^']+)'\)/g),
  ].map((m) => m[1] as string);
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

describe('src/ architecture', () => {
  it('finds the modules it checks', () => {
    expect(files.length).toBeGreaterThan(30);
    for (const f of files)
      for (const i of importsOf(f)) expect(text.has(i), `${name(f)} → ${name(i)}`).toBe(true);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of importsOf(file)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('reads the environment only in the entry and the runner context', () => {
    const readers = files.filter((f) => /process\.(env|getuid|cwd)\b/.test(text.get(f) ?? '')).map(name);
    expect(readers.sort()).toEqual(['run.ts', 'runner/context.ts']);
  });

  it('keeps no mutable state at module level outside the entry', () => {
    const offenders = files
      .filter((f) => name(f) !== 'run.ts')
      .flatMap((f) =>
        (text.get(f) ?? '')
          .split('\n')
          .filter(
            (l) =>
              /^(export\s+)?(let|var)\s/.test(l) ||
              /^(export\s+)?const\s+\w+\s*=\s*new\s+(Set|Map)\b/.test(l),
          )
          .map((l) => `${name(f)}: ${l}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps every module small enough to read in one sitting (≤ 300 lines)', () => {
    const long = files.filter((f) => (text.get(f) ?? '').split('\n').length > 300).map(name);
    expect(long).toEqual([]);
  });
});
