#!/usr/bin/env bash
# Every test: unit and end-to-end (the e2e needs root: it starts dockerd, a registry and binfmt handlers).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/e2e-env.sh up || { echo "e2e environment could not be provisioned" >&2; exit 1; }
bash scripts/browser.sh >/dev/null || { echo "no headless browser for the summary-timeline test" >&2; exit 1; }
mkdir -p .tmp
npx vitest run "$@" --reporter=default --reporter=json --outputFile=.tmp/vitest.json
code=$?
node scripts/test-report.mjs .tmp/vitest.json || code=1
exit $code
