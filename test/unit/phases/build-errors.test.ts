import { describe, expect, it } from 'vitest';
import { planSource } from '../../../src/inputs/source.js';
import {
  buildFailure,
  checkWarnings,
  dockerfileErrors,
  reportChecks,
} from '../../../src/phases/build-errors.js';
import { RecordingLog } from '../../support/fake-step.js';
import { ctxOf, inputsOf } from '../../support/unit.js';

const failure = `#7 [3/3] RUN exit 3
#7 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
------
 > [3/3] RUN exit 3:
------
Dockerfile:3
--------------------
   1 |     FROM 127.0.0.1:5000/base/busybox:1
   2 |     RUN echo ok
   3 | >>> RUN exit 3
   4 |     
--------------------
ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
`;

describe('Dockerfile error annotations', () => {
  it('finds the file, line and error buildx printed', () => {
    expect(dockerfileErrors(failure)).toEqual([
      {
        file: 'Dockerfile',
        line: 3,
        message: 'failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      },
    ]);
  });

  it('finds nothing in a log without a source excerpt', () => {
    expect(
      dockerfileErrors('ERROR: failed to build: failed to solve: registry.invalid: no such host\n'),
    ).toEqual([]);
  });
});

// What `buildx build --call check` printed for a Dockerfile with two check warnings (BuildKit v0.25).
const checks = `Check complete, 2 warnings have been found!

WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/
'as' and 'FROM' keywords' casing do not match
/tmp/gx/chk/Dockerfile:1
--------------------
   1 | >>> FROM 127.0.0.1:5000/base/busybox:1 as base
   2 |     RUN echo hi
--------------------

WARNING: LegacyKeyValueFormat - https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/
"ENV key=value" should be used instead of legacy "ENV key value" format
/tmp/gx/chk/Dockerfile:5
--------------------
   5 | >>> ENV A 1
--------------------
`;

describe('call: check', () => {
  it('reads each warning, its detail and its line', () => {
    expect(checkWarnings(checks)).toEqual([
      { rule: 'FromAsCasing', detail: "'as' and 'FROM' keywords' casing do not match", line: 1 },
      {
        rule: 'LegacyKeyValueFormat',
        detail: '"ENV key=value" should be used instead of legacy "ENV key value" format',
        line: 5,
      },
    ]);
  });

  it('annotates each warning on its line of the workspace Dockerfile and fails naming call', () => {
    const log = new RecordingLog();
    const error = reportChecks(log, checks, 'app/Dockerfile');
    expect(log.lines.filter((l) => l.level === 'warning')).toEqual([
      {
        level: 'warning',
        message: "'as' and 'FROM' keywords' casing do not match",
        place: { title: 'Dockerfile check FromAsCasing', file: 'app/Dockerfile', startLine: 1 },
      },
      {
        level: 'warning',
        message: '"ENV key=value" should be used instead of legacy "ENV key value" format',
        place: { title: 'Dockerfile check LegacyKeyValueFormat', file: 'app/Dockerfile', startLine: 5 },
      },
    ]);
    expect(error?.input).toBe('call');
    expect(error?.line).toBe(
      'build: call: check found 2 warnings in app/Dockerfile: FromAsCasing (line 1), LegacyKeyValueFormat (line 5); fix the Dockerfile, or skip a rule with a "# check=skip=<rule>" line at its top',
    );
  });

  it('no warnings: nothing to report', () => {
    expect(reportChecks(new RecordingLog(), 'Check complete, no warnings found.\n', 'Dockerfile')).toBe(
      undefined,
    );
  });
});

describe('buildFailure: the input to change', () => {
  const RUN = { GITHUB_REPOSITORY: 'acme/app', GITHUB_SHA: 'a'.repeat(40), GITHUB_WORKSPACE: '/w' };
  const failure = (values: Record<string, string>, output: string) => {
    const inputs = inputsOf(values, RUN);
    return buildFailure(
      output,
      inputs,
      planSource(inputs, ctxOf(RUN), () => true),
    );
  };

  it('sbom: true where the scanner image cannot be pulled names sbom', () => {
    const e = failure(
      { sbom: 'true' },
      'ERROR: failed to build: failed to solve: failed to resolve source metadata for docker.io/docker/buildkit-syft-scanner:stable-1: failed to do request: Head "https://registry-1.docker.io/v2/docker/buildkit-syft-scanner/manifests/stable-1": dial tcp: lookup registry-1.docker.io: no such host\n',
    );
    expect(e.input).toBe('sbom');
    expect(e.line).toMatch(
      /^build: sbom: the SBOM scanner image docker\/buildkit-syft-scanner could not be pulled \(failed to solve: .*no such host\); mirror it and set sbom: generator=<mirror>\/buildkit-syft-scanner:stable-1, or set sbom: false$/,
    );
  });

  it('a Dockerfile missing from a Git context names file', () => {
    const e = failure(
      { file: 'docker/Dockerfile' },
      'ERROR: failed to build: failed to solve: failed to read dockerfile: open docker/Dockerfile: no such file or directory\n',
    );
    expect(e.input).toBe('file');
    expect(e.line).toMatch(
      /^build: file: the Dockerfile docker\/Dockerfile is not in context https:\/\/github\.com/,
    );
  });

  it('a Git context the token may not clone names github-token', () => {
    const e = failure(
      { 'github-token': 'ghs_expired' },
      "ERROR: failed to build: failed to solve: failed to read dockerfile: failed to load cache key: failed to fetch remote https://github.com/acme/app.git: git stderr:\nfatal: Authentication failed for 'https://github.com/acme/app.git/'\n",
    );
    expect(e.input).toBe('github-token');
    expect(e.line).toMatch(
      /could not be cloned .*; set github-token to a token that can read the repository/,
    );
  });

  it('anything else is buildx’s own last line', () => {
    const e = failure(
      { context: '.' },
      'ERROR: failed to build: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3\n',
    );
    expect(e.input).toBeUndefined();
    expect(e.line).toBe(
      'build: docker buildx build failed: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
    );
  });
});
