// Closing line for CI, from vitest's JSON report. A skipped test is not a pass: any skip fails the run, and
// so does a run in which no end-to-end test executed.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tests = report.testResults.flatMap((file) =>
  file.assertionResults.map((t) => ({ file: file.name, status: t.status })),
);
const count = (s) => tests.filter((t) => t.status === s).length;
const passed = count('passed');
const failed = count('failed');
const skipped = tests.length - passed - failed;
const e2e = tests.filter((t) => t.file.includes('/test/e2e/') && t.status === 'passed').length;
// A file that failed to load or whose hooks failed has no failed test of its own, but it failed.
const brokenFiles = report.testResults.filter(
  (f) => f.status === 'failed' && !f.assertionResults.some((t) => t.status === 'failed'),
);
for (const f of brokenFiles)
  console.error(`failed outside any test: ${f.name}: ${(f.message ?? '').split('\n')[0]}`);
console.log(`unit: ${passed - e2e} passed, e2e: ${e2e} passed`);
console.log(
  `tests: ${passed} passed, ${failed} failed, ${skipped} skipped${brokenFiles.length ? `, ${brokenFiles.length} file(s) failed outside a test` : ''}`,
);
if (skipped > 0) console.error('skipped or pending tests are not passes: make them run or remove them');
if (e2e === 0 && !process.env.ALLOW_NO_E2E) console.error('no end-to-end test ran');
process.exit(failed || skipped || brokenFiles.length || e2e === 0 ? 1 : 0);
