import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { render } from '../../scripts/docs.mjs';
import { readInputs } from '../../src/inputs.js';

const root = join(import.meta.dirname, '..', '..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
};

describe('action.yml ↔ README ↔ code', () => {
  it('runs on node24 with main and post in the bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
  });

  it('describes every input and output', () => {
    for (const [name, spec] of Object.entries({ ...action.inputs, ...action.outputs })) {
      expect(spec.description, name).toMatch(/\w{3,}/);
    }
  });

  it('the README tables are generated from action.yml', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(render(readme)).toBe(readme);
  });

  it('the code reads exactly the inputs action.yml declares', () => {
    const read = new Set<string>();
    readInputs((name) => {
      read.add(name);
      return name === 'platforms' ? 'linux/amd64' : '';
    });
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('the code sets only outputs action.yml declares', () => {
    // Every source file: outputs are set wherever a phase finishes, and phases move between files.
    const src = readdirSync(join(root, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'src', f), 'utf8'))
      .join('\n');
    const set = [...src.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1] as string);
    expect(set.length).toBeGreaterThan(5);
    for (const name of set) expect(Object.keys(action.outputs), name).toContain(name);
  });

  it('action.yml defaults agree with the code defaults', () => {
    const defaults = readInputs((name) => (name === 'platforms' ? 'linux/amd64' : ''));
    const fromYaml = readInputs(
      (name) => action.inputs[name]?.default ?? (name === 'platforms' ? 'linux/amd64' : ''),
    );
    expect(fromYaml).toEqual(defaults);
  });
});
