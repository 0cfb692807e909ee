import { describe, expect, it } from 'vitest';
import { dockerfileErrors, workspacePath } from '../../../src/phases/build-errors.js';

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

  it.each([
    ['.', undefined, '/w', 'Dockerfile'],
    ['app', undefined, '/w', 'app/Dockerfile'],
    ['app', 'docker/Dockerfile.prod', '/w', 'docker/Dockerfile.prod'],
    ['/w/app', undefined, '/w', 'app/Dockerfile'],
  ])('context %s, file %s → %s relative to the workspace', (context, file, workspace, expected) => {
    expect(workspacePath(context, file, workspace)).toBe(expected);
  });
});
