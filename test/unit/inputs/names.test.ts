// Repository names in inputs: what the registry would refuse, and what names one repository twice.
import { describe, expect, it } from 'vitest';
import { handoffKeyPrefix } from '../../../src/phases/handoff.js';
import { planCreate } from '../../../src/phases/merge-plan.js';
import { InputError } from '../../../src/runner/errors.js';
import { inputsOf } from '../../support/unit.js';

const error = (values: Record<string, string>): InputError => {
  try {
    inputsOf(values);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('names', () => {
  it.each<{ values: Record<string, string>; message: string }>([
    {
      values: { tags: 'registry/Acme-Org/app:1.0' },
      message:
        'tags: "registry/Acme-Org/app:1.0": repository names are lowercase (the registry and the tag may have capitals); write "registry/acme-org/app:1.0"',
    },
    {
      values: { tags: 'ghcr.io/Acme/App:V1' },
      message:
        'tags: "ghcr.io/Acme/App:V1": repository names are lowercase (the registry and the tag may have capitals); write "ghcr.io/acme/app:V1"',
    },
    {
      // Docker reads a first part without a dot or port as a Docker Hub user, not a registry host.
      values: { tags: 'Tryq/a:latest' },
      message:
        'tags: "Tryq/a:latest": repository names are lowercase (a first part without a dot or a port is not a registry); write "tryq/a:latest"',
    },
    {
      values: {
        mode: 'merge',
        sources: 'ghcr.io/acme/app:src',
        platforms: 'linux/amd64',
        tags: 'Acme/App:V1',
      },
      message:
        'tags: "Acme/App:V1": repository names are lowercase (a first part without a dot or a port is not a registry); write "acme/app:V1"',
    },
    {
      values: { tags: 'ghcr.io/acme/app:bad tag' },
      message:
        'tags: "ghcr.io/acme/app:bad tag" is neither a tag (e.g. 1.2.3) nor a full reference with a tag (e.g. ghcr.io/acme/app:1.2.3)',
    },
    {
      values: { image: 'acme/app,docker.io/acme/app' },
      message:
        'image: "docker.io/acme/app" and "acme/app" are one repository (Docker Hub names need no docker.io/); list it once',
    },
    {
      values: { image: 'alpine,index.docker.io/library/alpine' },
      message:
        'image: "index.docker.io/library/alpine" and "alpine" are one repository (Docker Hub names need no docker.io/); list it once',
    },
  ])('$message', ({ values, message }) => {
    expect(error(values).message).toBe(message);
  });

  it('a leg and a merge spelling one Docker Hub repository differently find the same handoff', () => {
    const platform = { os: 'linux', arch: 'arm64' };
    expect(handoffKeyPrefix(['acme/app'], '', platform, '1')).toBe(
      handoffKeyPrefix(['index.docker.io/acme/app'], '', platform, '1'),
    );
  });

  it('the merge publishes one Docker Hub repository once, with every spelling of its tags', () => {
    const plans = planCreate(['acme/app:1', 'docker.io/acme/app:latest', 'ghcr.io/acme/app:1'], [], [], []);
    expect(plans.map((p) => [p.repository, p.tags])).toEqual([
      ['acme/app', ['acme/app:1', 'docker.io/acme/app:latest']],
      ['ghcr.io/acme/app', ['ghcr.io/acme/app:1']],
    ]);
  });
});
