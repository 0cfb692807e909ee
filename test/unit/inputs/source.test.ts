// The context and Dockerfile a build reads: build-push-action's default Git context, and the paths that
// must exist before anything runs.
import { describe, expect, it } from 'vitest';
import { defaultGitContext, planSource } from '../../../src/inputs/source.js';
import { InputError } from '../../../src/runner/errors.js';
import { ctxOf, inputsOf } from '../../support/unit.js';

const SHA = 'a'.repeat(40);
const RUN = {
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_WORKSPACE: '/w',
};
/** The checkout: /w/Dockerfile, /w/app/Dockerfile, /w/app/Dockerfile.prod, /w/secret.txt. */
const FILES = new Set([
  '/w',
  '/w/Dockerfile',
  '/w/app',
  '/w/app/Dockerfile',
  '/w/app/Dockerfile.prod',
  '/w/secret.txt',
]);
const exists = (p: string) => FILES.has(p);
const plan = (values: Record<string, string>, env: NodeJS.ProcessEnv = RUN) =>
  planSource(inputsOf(values, env), ctxOf(env), exists);

function error(values: Record<string, string>, env: NodeJS.ProcessEnv = RUN): InputError {
  try {
    plan(values, env);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('defaultGitContext', () => {
  it.each([
    { env: RUN, expected: `https://github.com/acme/app.git#${SHA}` },
    {
      env: { ...RUN, GITHUB_REF: 'refs/pull/7/merge', GITHUB_EVENT_NAME: 'pull_request' },
      expected: 'https://github.com/acme/app.git#refs/pull/7/merge',
    },
    {
      env: { ...RUN, GITHUB_SERVER_URL: 'https://ghes.example.com/' },
      expected: `https://ghes.example.com/acme/app.git#${SHA}`,
    },
    {
      env: { ...RUN, GITHUB_SERVER_URL: 'http://gitea.local:3000', GITHUB_SHA: '' },
      expected: 'http://gitea.local:3000/acme/app.git#refs/heads/main',
    },
    {
      env: { ...RUN, GITHUB_SHA: '', GITHUB_REF: 'main' },
      expected: 'https://github.com/acme/app.git#refs/heads/main',
    },
    { env: { GITHUB_WORKSPACE: '/w' }, expected: undefined },
  ])('$expected', ({ env, expected }) => {
    expect(defaultGitContext(ctxOf(env))).toBe(expected);
  });
});

describe('planSource', () => {
  it.each<{
    name: string;
    values: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    expected: Record<string, unknown> & { context: string };
  }>([
    {
      name: 'unset: the Git context, authenticated for github.com',
      values: { 'github-token': 'ghs_x' },
      expected: {
        context: `https://github.com/acme/app.git#${SHA}`,
        gitAuthHost: 'github.com',
        dockerfile: 'Dockerfile',
        local: false,
      },
    },
    {
      name: 'unset on GHES: the token goes to that server only',
      values: { 'github-token': 'ghs_x' },
      env: { ...RUN, GITHUB_SERVER_URL: 'https://ghes.example.com:8443' },
      expected: {
        context: `https://ghes.example.com:8443/acme/app.git#${SHA}`,
        gitAuthHost: 'ghes.example.com:8443',
        dockerfile: 'Dockerfile',
        local: false,
      },
    },
    {
      name: '{{defaultContext}}:app with a file: the Dockerfile inside the subfolder',
      values: { context: '{{defaultContext}}:app', file: 'Dockerfile.prod', 'github-token': 'ghs_x' },
      expected: {
        context: `https://github.com/acme/app.git#${SHA}:app`,
        gitAuthHost: 'github.com',
        dockerfile: 'app/Dockerfile.prod',
        local: false,
      },
    },
    {
      name: 'unset, no token: no secret',
      values: {},
      expected: {
        context: `https://github.com/acme/app.git#${SHA}`,
        gitAuthHost: undefined,
        dockerfile: 'Dockerfile',
        local: false,
      },
    },
    {
      name: 'a GIT_AUTH_TOKEN secret of the user’s own: not replaced',
      values: { 'github-token': 'ghs_x', secrets: 'GIT_AUTH_TOKEN=ghp_mine1234' },
      expected: {
        context: `https://github.com/acme/app.git#${SHA}`,
        gitAuthHost: undefined,
        dockerfile: 'Dockerfile',
        local: false,
      },
    },
    {
      name: 'another Git URL: no token sent there',
      values: { context: 'https://github.com/other/repo.git#main', 'github-token': 'ghs_x' },
      expected: {
        context: 'https://github.com/other/repo.git#main',
        gitAuthHost: undefined,
        dockerfile: 'Dockerfile',
        local: false,
      },
    },
    {
      name: 'context: . builds the checkout',
      values: { context: '.', 'github-token': 'ghs_x' },
      expected: { context: '.', gitAuthHost: undefined, dockerfile: 'Dockerfile', local: true },
    },
    {
      name: 'context: app, file relative to the workspace',
      values: { context: 'app', file: 'app/Dockerfile.prod' },
      expected: { context: 'app', gitAuthHost: undefined, dockerfile: 'app/Dockerfile.prod', local: true },
    },
    {
      name: 'context: app, no file: its own Dockerfile',
      values: { context: 'app' },
      expected: { context: 'app', gitAuthHost: undefined, dockerfile: 'app/Dockerfile', local: true },
    },
  ])('$name', ({ values, env, expected }) => {
    expect(plan(values, env)).toEqual({
      defaultContext: defaultGitContext(ctxOf(env ?? RUN)),
      ...expected,
    });
  });

  it.each<{
    name: string;
    values: Record<string, string>;
    env?: NodeJS.ProcessEnv;
    input: string;
    message: string;
  }>([
    {
      name: 'context: app + file: Dockerfile names file and says it is relative to the workspace',
      values: { context: 'app', file: 'Dockerfile.prod' },
      input: 'file',
      message:
        'file: "Dockerfile.prod" is not found: file is relative to the workspace, not to context (as in build-push-action); write file: app/Dockerfile.prod',
    },
    {
      name: 'a file nowhere',
      values: { context: 'app', file: 'docker/Dockerfile' },
      input: 'file',
      message:
        'file: "docker/Dockerfile" is not found (file is relative to the workspace, /w, not to context)',
    },
    {
      name: 'a context folder that is not there',
      values: { context: 'services/api' },
      input: 'context',
      message:
        'context: "services/api" is not found (relative to the workspace, /w); to build the repository without a checkout, remove context',
    },
    {
      name: 'a secret file that is not there',
      values: { context: '.', 'secret-files': 'npm=./.npmrc' },
      input: 'secret-files',
      message:
        'secret-files: "npm=./.npmrc": ./.npmrc is not found (paths are relative to the workspace, /w)',
    },
    {
      name: 'no repository (not a workflow run) and no context',
      values: {},
      env: { GITHUB_WORKSPACE: '/w' },
      input: 'context',
      message:
        "context: the Git context of the workflow's commit needs GITHUB_REPOSITORY, which is not set (not a workflow run); set context: . to build the working folder",
    },
  ])('$name', ({ values, env, input, message }) => {
    const e = error(values, env);
    expect(e.input).toBe(input);
    expect(e.message).toBe(message);
  });
});
