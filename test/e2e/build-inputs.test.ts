// build-push-action's inputs this action lacked, each on a real docker-container builder: call (check, with
// each warning annotated on its Dockerfile line), no-cache-filters, cgroup-parent, attests; and sbom where
// the scanner image cannot be pulled (Docker Hub is unreachable here) failing with one line naming sbom.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, docker, REGISTRY, runAction, unique } from '../support/e2e.js';

const dir = mkdtempSync(join(tmpdir(), 'build-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A context folder under the workspace `dir` holding `dockerfile`; returns its name. */
function fixture(name: string, dockerfile: string): string {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'Dockerfile'), dockerfile);
  return name;
}

const step = async (inputs: Record<string, string>) => {
  const run = await runAction(
    { ...AIR_GAPPED, platforms: 'linux/amd64', ...inputs },
    { cwd: dir, env: { GITHUB_REPOSITORY: 'acme/app' } },
  );
  const post = await run.post();
  expect(post.code).toBe(0);
  return run;
};

describe('call: check', () => {
  it('runs the Dockerfile checks only: each warning on its line, and the step fails as buildx does', async () => {
    const context = fixture(
      'checks',
      `FROM ${BASE_IMAGE} as base\nRUN echo built > /built\nENV MODE release\n`,
    );
    const run = await step({ context, call: 'check' });
    expect(run.code).toBe(1);
    expect(run.error).toBe(
      `build: call: check found 2 warnings in checks/Dockerfile: FromAsCasing (line 1), LegacyKeyValueFormat (line 3); fix the Dockerfile, or skip a rule with a "# check=skip=<rule>" line at its top`,
    );
    const warnings = run.log.split('\n').filter((l: string) => l.startsWith('::warning '));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^::warning [^:]*::'as' and 'FROM' keywords' casing do not match$/);
    expect(warnings[0]).toContain('file=checks/Dockerfile');
    expect(warnings[0]).toContain('line=1');
    expect(warnings[0]).toContain('title=Dockerfile check FromAsCasing');
    expect(warnings[1]).toContain('file=checks/Dockerfile');
    expect(warnings[1]).toContain('line=3');
    expect(warnings[1]).toContain('title=Dockerfile check LegacyKeyValueFormat');
    expect(run.log).not.toMatch(/^#\d+ \[2\/2\] RUN echo built/m); // checked, not built
  });
});

describe('no-cache-filters', () => {
  it('rebuilds the named stage while the others come from the cache', async () => {
    const context = fixture(
      'stages',
      `FROM ${BASE_IMAGE} AS deps\nRUN echo deps > /deps\nFROM deps AS app\nRUN echo app > /app\n`,
    );
    const cache = join(dir, 'stages-cache');
    const first = await step({
      context,
      provenance: 'false',
      'cache-to': `type=local,dest=${cache},mode=max`,
    });
    expect(first.code).toBe(0);
    const second = await step({
      context,
      provenance: 'false',
      'cache-from': `type=local,src=${cache}`,
      'no-cache-filters': 'app',
    });
    expect(second.error).toBeUndefined();
    expect(second.log).toContain('--no-cache-filter app');
    // The deps stage comes from the cache; the app stage runs again.
    const steps = second.log.split('\n').filter((l: string) => /^#\d+ (\[(deps|app) |CACHED|DONE)/.test(l));
    const outcome = (step: string) => {
      const at = steps.findIndex((l: string) => l.includes(step));
      const id = steps[at]?.split(' ')[0];
      return steps
        .slice(at + 1)
        .find((l: string) => l.startsWith(`${id} `))
        ?.split(' ')[1];
    };
    expect(outcome('[deps 2/2] RUN echo deps')).toBe('CACHED');
    expect(outcome('[app 1/1] RUN echo app')).toBe('DONE');
  });
});

describe('cgroup-parent', () => {
  it('runs the RUN steps under the given parent cgroup', async () => {
    const context = fixture(
      'cgroup',
      `FROM ${BASE_IMAGE}\nRUN cat /proc/self/cgroup > /cgroup\nFROM scratch\nCOPY --from=0 /cgroup /\n`,
    );
    const parent = unique('e2e-parent');
    const out = join(dir, 'cgroup-out');
    const run = await step({
      context,
      provenance: 'false',
      'cgroup-parent': parent,
      outputs: `type=local,dest=${out}`,
    });
    expect(run.error).toBeUndefined();
    expect(readFileSync(join(out, 'cgroup'), 'utf8')).toMatch(new RegExp(`/${parent}/buildkit/\\w+$`, 'm'));
  });
});

describe('attests', () => {
  it('a provenance item is build-push-action’s: the run as builder-id, at the mode asked for', async () => {
    const context = fixture('attests', `FROM ${BASE_IMAGE}\nRUN echo attested > /a\n`);
    const image = `${REGISTRY}/e2e/${unique('attests')}`;
    const run = await step({
      context,
      image,
      tags: 'latest',
      push: 'true',
      attests: 'type=provenance,mode=min',
    });
    expect(run.error).toBeUndefined();
    const provenance = JSON.parse(
      docker(['buildx', 'imagetools', 'inspect', `${image}:latest`, '--format', '{{json .Provenance}}']),
    ) as { SLSA: { builder: { id: string }; buildConfig?: unknown } };
    expect(provenance.SLSA.builder.id).toBe('https://github.com/acme/app/actions/runs/1000/attempts/1');
    expect(provenance.SLSA.buildConfig).toBeUndefined(); // mode=min: no build steps recorded
  });
});

describe('sbom where the scanner image cannot be pulled', () => {
  it('fails with one line naming sbom and the fix', async () => {
    const context = fixture('sbom', `FROM ${BASE_IMAGE}\nRUN echo sbom > /s\n`);
    const run = await step({ context, sbom: 'true', provenance: 'false' });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^build: sbom: the SBOM scanner image docker\/buildkit-syft-scanner could not be pulled \(.*\); mirror it and set sbom: generator=<mirror>\/buildkit-syft-scanner:stable-1, or set sbom: false$/,
    );
  });
});
