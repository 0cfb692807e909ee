// Inputs the action places inside a grammar of its own (attribute lists, cache scopes, paths, positional
// arguments): each bad value is refused by readInputs with one line naming the input, before anything runs.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/runner/errors.js';
import { inputsOf } from '../../support/unit.js';

const IMAGE = 'ghcr.io/acme/app';

function failure(values: Record<string, string>): InputError {
  try {
    inputsOf({ image: IMAGE, ...values });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${JSON.stringify(values)}`);
}

describe('checkAttributeValues: refused', () => {
  it.each<[string, Record<string, string>, string, RegExp]>([
    [
      'target with an attribute after a comma (lands in type=gha,scope=…)',
      { target: 'x,url_v2=http://127.0.0.1:1/' },
      'target',
      /^target: "x,url_v2=http:\/\/127\.0\.0\.1:1\/" is not a Dockerfile stage name \(a letter, then letters, digits, _ \. or -\); set it to the name after AS in your Dockerfile's FROM line$/,
    ],
    [
      'target climbing out of RUNNER_TEMP',
      { target: 'x/../../../../tmp/pwn' },
      'target',
      /^target: "x\/\.\.\//,
    ],
    [
      'target that is a path',
      { target: '/etc' },
      'target',
      /^target: "\/etc" is not a Dockerfile stage name/,
    ],
    ['target starting with a digit', { target: '1st' }, 'target', /^target: "1st" is not/],
    ['target with a quote', { target: 'a"b' }, 'target', /^target: "a"b" is not/],
    ['target with a space', { target: 'my stage' }, 'target', /^target: "my stage" is not/],
    [
      'a long target is shown cut, on one line',
      { target: `${'a'.repeat(70)},b` },
      'target',
      /^target: "a{60}…" is not a Dockerfile stage name/,
    ],
    [
      // secret-envs splits on commas, as in Docker's actions: the attribute becomes an item of its own.
      'secret-envs value with an attribute after a comma (lands in id=…,env=…)',
      { 'secret-envs': 'tok=HOME,src=/etc/shadow' },
      'secret-envs',
      /^secret-envs: "src=\/etc\/shadow": "\/etc\/shadow" is not an environment variable name .*; give one id=ENV_NAME per line$/,
    ],
    [
      'secret-envs value with a dash',
      { 'secret-envs': 'tok=MY-TOKEN' },
      'secret-envs',
      /"MY-TOKEN" is not an environment/,
    ],
    [
      'secret-envs value starting with a digit',
      { 'secret-envs': 'tok=1TOKEN' },
      'secret-envs',
      /"1TOKEN" is not/,
    ],
    [
      'a secrets id of two dots',
      { secrets: '..=value' },
      'secrets',
      /^secrets: secret id "\.\." is only dots; give each secret an id with a letter or digit/,
    ],
    ['a secrets id of one dot', { secrets: '.=value' }, 'secrets', /^secrets: secret id "\." is only dots/],
    [
      'a secret-files id of dots',
      { 'secret-files': '..=/tmp/x' },
      'secret-files',
      /^secret-files: secret id "\.\." is only dots/,
    ],
    [
      'endpoint that is an option',
      { driver: 'remote', endpoint: '--driver-opt=image=evil' },
      'endpoint',
      /^endpoint: "--driver-opt=image=evil" is not a BuildKit address; give one like tcp:\/\/buildkitd:1234 or unix:\/\/\/run\/buildkit\/buildkitd\.sock, or, to build in a BuildKit container on a docker context or Docker host, remove driver: remote$/,
    ],
    [
      'endpoint without a scheme',
      { driver: 'remote', endpoint: 'buildkitd:1234' },
      'endpoint',
      /^endpoint: "buildkitd:1234" is not a BuildKit address/,
    ],
    [
      'context that is an option',
      { context: '--allow=security.insecure' },
      'context',
      /^context: "--allow=security\.insecure" starts with "-", which buildx would read as an option; write a path such as \.\/--allow=security\.insecure$/,
    ],
  ])('%s', (_name, values, input, message) => {
    const e = failure(values);
    expect(e.input).toBe(input);
    expect(e.message).toMatch(message);
    expect(e.line).not.toContain('\n');
  });
});

describe('checkAttributeValues: accepted', () => {
  it.each<[string, Record<string, string>]>([
    ['a stage name', { target: 'runtime' }],
    ['a stage name with _ . -', { target: 'build_stage.v2-final' }],
    ['an upper-case stage name (stage names match without case)', { target: 'Release' }],
    ['secret-envs naming variables', { 'secret-envs': 'tok=GITHUB_TOKEN\nnpm=_NPM2' }],
    ['secrets ids with dots', { secrets: 'gh.token=ghp_x\n.npmrc=registry' }],
    ['a tcp endpoint', { driver: 'remote', endpoint: 'tcp://buildkitd:1234' }],
    ['a unix endpoint', { driver: 'remote', endpoint: 'unix:///run/buildkit/buildkitd.sock' }],
    ['a context path and a Git URL', { context: './app' }],
    ['a Git context', { context: 'https://github.com/acme/app.git#main:docker' }],
  ])('%s', (_name, values) => {
    expect(() => inputsOf({ image: IMAGE, ...values }, { GITHUB_TOKEN: 't', _NPM2: 'n' })).not.toThrow();
  });
});
