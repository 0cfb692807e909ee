import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { render } from '../../scripts/docs.mjs';
import { readInputs } from '../../src/inputs/inputs.js';
import { INPUT_DEFAULTS, NO_EFFECT } from '../../src/inputs/modes.js';
import { OUTPUT_NAMES } from '../../src/runner/state.js';

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

  it('the code can set exactly the outputs action.yml declares', () => {
    // Outputs.set takes an OutputName only, so the compiler holds the code to OUTPUT_NAMES.
    expect([...OUTPUT_NAMES].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('action.yml defaults agree with the code defaults', () => {
    const defaults = readInputs((name) => (name === 'platforms' ? 'linux/amd64' : ''));
    // An expression default (${{ github.token }}) is the runner's to evaluate: the code sees its value.
    const fromYaml = readInputs((name) => {
      const given = action.inputs[name]?.default;
      if (given?.includes('${{')) return '';
      return given ?? (name === 'platforms' ? 'linux/amd64' : '');
    });
    expect(fromYaml).toEqual(defaults);
  });

  it('the mode rules know every default of the inputs they judge, as action.yml gives it', () => {
    const judged = new Set(Object.values(NO_EFFECT).flatMap((rules) => rules.flatMap((r) => [...r.inputs])));
    for (const name of judged) {
      expect(action.inputs[name], name).toBeDefined();
      expect(INPUT_DEFAULTS[name], name).toBe(action.inputs[name]?.default);
    }
  });

  it('a mode run with every input at its action.yml default is not refused (the runner passes them all)', () => {
    for (const mode of ['all', 'build', 'merge']) {
      const values: Record<string, string> = {
        mode,
        platforms: 'linux/amd64',
        image: 'ghcr.io/acme/app',
        ...(mode === 'merge' ? { tags: 'latest' } : {}),
      };
      expect(
        () => readInputs((name) => values[name] ?? action.inputs[name]?.default ?? ''),
        mode,
      ).not.toThrow();
    }
  });
});
