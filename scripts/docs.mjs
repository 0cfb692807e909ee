// Writes the README's input and output tables from action.yml; `--check` fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const action = parse(readFileSync(`${root}action.yml`, 'utf8'));
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

export function tables() {
  const inputs = [
    '| Input | Default | Description |',
    '|---|---|---|',
    ...Object.entries(action.inputs).map(
      ([name, i]) =>
        `| \`${name}\` | ${i.default === undefined ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
    ),
  ].join('\n');
  const outputs = [
    '| Output | Description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
  ].join('\n');
  return { inputs, outputs };
}

export function render(readme) {
  const t = tables();
  let out = readme;
  for (const [key, table] of Object.entries(t)) {
    const re = new RegExp(`(<!-- ${key}:start -->)[\\s\\S]*?(<!-- ${key}:end -->)`);
    if (!re.test(out)) throw new Error(`README.md has no <!-- ${key}:start --> … <!-- ${key}:end --> block`);
    out = out.replace(re, `$1\n${table}\n$2`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const rendered = render(readme);
  if (process.argv.includes('--check')) {
    if (rendered !== readme) {
      console.error('README.md input/output tables differ from action.yml: run `node scripts/docs.mjs`');
      process.exit(1);
    }
  } else writeFileSync(`${root}README.md`, rendered);
}
