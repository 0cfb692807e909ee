// Fails when dist/ is not what the current sources bundle to: rebuilds into a temp dir and compares.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'dist-check-'));
try {
  execFileSync(
    join(root, 'node_modules/.bin/ncc'),
    ['build', 'src/index.ts', '-o', out, '--license', 'licenses.txt', '--target', 'es2022', '-q'],
    { cwd: root, stdio: 'inherit' },
  );
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  const want = readdirSync(out).sort();
  const have = readdirSync(join(root, 'dist')).sort();
  const differ = [...new Set([...want, ...have])].filter((f) => {
    try {
      return !readFileSync(join(out, f)).equals(readFileSync(join(root, 'dist', f)));
    } catch {
      return true;
    }
  });
  if (differ.length) {
    console.error(
      `dist/ is stale (${differ.join(', ')} differ from a fresh bundle): run \`npm run build\` and commit dist/`,
    );
    process.exit(1);
  }
  console.log(`dist/ matches the sources (${want.length} files)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
