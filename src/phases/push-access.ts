// Before an image goes to tags in several repositories. buildx and imagetools push one repository after
// another, so a destination that will refuse (no login with push rights there, nothing listening at that
// address) would fail the step after the other repositories' tags had moved. One blob upload started and
// cancelled per repository (the distribution spec's way to ask) tells before anything is pushed.
import { dockerEndpoint } from '../buildx/engine.js';
import type { Inputs } from '../inputs/types.js';
import { endpointOf, registryApi, type PushAccess, type RegistryApi } from '../registry/api.js';
import { normalizeRepository, parseReference } from '../registry/refs.js';
import { resolveTags } from '../registry/tags.js';
import { ActionError, type Phase } from '../runner/errors.js';
import type { Step } from '../runner/step.js';

/** The distinct repositories `refs` (image references) push to, Docker Hub names normalised, in order. Pure. */
export function destinationRepositories(refs: string[]): string[] {
  const repositories = refs.map((r) => normalizeRepository(parseReference(r)?.repository ?? r));
  return [...new Set(repositories)];
}

export interface AccessCheck {
  /** The phase whose push this precedes (build in mode all, merge). */
  phase: Phase;
  /** The push starts on this host: an address that does not answer here will not answer for it either. */
  fromHere: boolean;
}

/**
 * Checks that every repository `refs` push to takes this step's pushes, when they are more than one (into
 * one repository, a refusal stops the push before any tag moves). Answers that settle nothing are noted in an
 * info line. Throws ActionError (`check.phase`, input tags) naming
 * each repository that refuses, or that nothing answers for when `check.fromHere`; nothing has been pushed.
 */
export async function checkPushAccess(
  step: Step,
  api: RegistryApi,
  refs: string[],
  check: AccessCheck,
): Promise<void> {
  const repositories = destinationRepositories(refs);
  if (repositories.length < 2) return;
  const answers = await Promise.all(
    repositories.map(async (repository): Promise<[string, PushAccess]> => {
      return [repository, await api.pushAccess(repository)];
    }),
  );
  const problems: string[] = [];
  for (const [repository, access] of answers) {
    if (access.kind === 'ok') continue;
    const { host } = endpointOf(repository);
    if (access.kind === 'refused')
      problems.push(
        `cannot push to ${repository}: ${access.reason}; log in to ${host} with push rights there (docker/login-action), or remove its tags`,
      );
    else if (access.kind === 'unreachable' && check.fromHere)
      problems.push(`cannot push to ${repository}: ${access.reason}; check its address in tags`);
    else step.log.info(`push access to ${repository} not checked beforehand (${access.reason})`);
  }
  if (problems.length)
    throw new ActionError(check.phase, `${problems.join('; ')} — nothing was pushed`, 'tags');
}

/**
 * The push-access check of mode all (see checkPushAccess), for the tags `inputs` publish to; run beside the
 * QEMU and builder phases and awaited before the build. Resolves to the ActionError to throw, or undefined;
 * never rejects.
 */
export function checkTagsBeforeBuild(step: Step, inputs: Inputs): Promise<Error | undefined> {
  if (inputs.mode === 'build' || !inputs.push) return Promise.resolve(undefined);
  // The engine on this host pushes (docker driver), or a BuildKit container on it: its network is this host's.
  const fromHere =
    !inputs.builder &&
    !inputs.append.length &&
    ['docker', 'docker-container'].includes(inputs.driver) &&
    dockerEndpoint(step.ctx).host.startsWith('unix://');
  const refs = resolveTags(inputs.images, inputs.tags);
  return checkPushAccess(step, registryApi(step), refs, { phase: 'build', fromHere }).then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
  );
}
