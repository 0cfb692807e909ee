// Which repositories a push goes to, and what the push-access check
// decides from each registry's answer. The answers themselves (HTTP) are tested in registry/api.test.ts.
import { describe, expect, it } from 'vitest';
import { checkPushAccess, destinationRepositories } from '../../../src/phases/push-access.js';
import type { PushAccess, RegistryApi } from '../../../src/registry/api.js';
import { ActionError } from '../../../src/runner/errors.js';
import { fakeStep } from '../../support/fake-step.js';

describe('destinationRepositories', () => {
  it.each([
    [['ghcr.io/acme/app:1', 'ghcr.io/acme/app:latest'], ['ghcr.io/acme/app']],
    [['acme/app:1', 'docker.io/acme/app:2', 'index.docker.io/acme/app:3'], ['docker.io/acme/app']],
    [
      ['ghcr.io/acme/app:1', 'acme/app:1'],
      ['ghcr.io/acme/app', 'docker.io/acme/app'],
    ],
    [['alpine:3'], ['docker.io/library/alpine']],
  ])('%j → %j', (refs, repositories) => {
    expect(destinationRepositories(refs)).toEqual(repositories);
  });
});

/** A RegistryApi answering pushAccess from `answers` (by repository); it records what it was asked. */
function apiAnswering(answers: Record<string, PushAccess>) {
  const asked: string[] = [];
  const api: RegistryApi = {
    tags: () => Promise.resolve([]),
    deleteTag: () => Promise.resolve({ deleted: true }),
    pushAccess: (repository) => {
      asked.push(repository);
      return Promise.resolve(answers[repository] ?? { kind: 'ok' });
    },
  };
  return { api, asked };
}

const REFS = ['ghcr.io/acme/app:1', 'ghcr.io/acme/app:latest', 'docker.io/acme/app:1'];

describe('checkPushAccess', () => {
  it('one repository: asks nothing (a refusal there stops the push before any tag moves)', async () => {
    const { api, asked } = apiAnswering({});
    await checkPushAccess(fakeStep(), api, REFS.slice(0, 2), { phase: 'build', fromHere: true });
    expect(asked).toEqual([]);
  });

  it('every repository takes the push: passes, each asked once', async () => {
    const { api, asked } = apiAnswering({});
    await checkPushAccess(fakeStep(), api, REFS, { phase: 'build', fromHere: true });
    expect(asked.sort()).toEqual(['docker.io/acme/app', 'ghcr.io/acme/app']);
  });

  it('a repository refusing: fails naming it, tags and the login fix; nothing was pushed', async () => {
    const { api } = apiAnswering({
      'docker.io/acme/app': {
        kind: 'refused',
        reason: 'docker.io refuses this login’s pushes (HTTP 401 UNAUTHORIZED)',
      },
    });
    const error = await checkPushAccess(fakeStep(), api, REFS, { phase: 'merge', fromHere: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).phase).toBe('merge');
    expect((error as ActionError).input).toBe('tags');
    expect((error as ActionError).message).toBe(
      'cannot push to docker.io/acme/app: docker.io refuses this login’s pushes (HTTP 401 UNAUTHORIZED); log in to docker.io with push rights there (docker/login-action), or remove its tags — nothing was pushed',
    );
  });

  it('nothing answering: fails when the push starts here, is only noted when it starts elsewhere', async () => {
    const answers: Record<string, PushAccess> = {
      'docker.io/acme/app': { kind: 'unreachable', reason: 'connect ECONNREFUSED' },
    };
    const here = await checkPushAccess(fakeStep(), apiAnswering(answers).api, REFS, {
      phase: 'build',
      fromHere: true,
    }).catch((e: unknown) => e);
    expect((here as ActionError).message).toBe(
      'cannot push to docker.io/acme/app: connect ECONNREFUSED; check its address in tags — nothing was pushed',
    );
    const step = fakeStep();
    await checkPushAccess(step, apiAnswering(answers).api, REFS, { phase: 'build', fromHere: false });
    expect(step.log.lines.map((l) => l.message)).toContain(
      'push access to docker.io/acme/app not checked beforehand (connect ECONNREFUSED)',
    );
  });
});
