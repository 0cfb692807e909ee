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
console.log(`unit: ${passed - e2e} passed, e2e: ${e2e} passed`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (skipped > 0) console.error('skipped or pending tests are not passes: make them run or remove them');
if (e2e === 0 && !process.env.ALLOW_NO_E2E) console.error('no end-to-end test ran');
process.exit(failed || skipped || e2e === 0 ? 1 : 0);
