// Inputs buildx used to refuse only after the QEMU phase ran or a builder started: ssh paths and the SSH agent,
// file: -, image references with a capital, call in buildx's grammar, a bare-name endpoint that is no docker
// context, and an existing builder buildx does not know. Each is refused first, naming the input.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planBuilder, startBuilder } from '../../../src/buildx/builder.js';
import { buildxHandle } from '../../../src/buildx/buildx.js';
import { parseCall } from '../../../src/inputs/build-checks.js';
import { checkEndpoint } from '../../../src/inputs/checks.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import { checkSsh } from '../../../src/inputs/source.js';
import { miscasedHubName } from '../../../src/registry/refs.js';
import { ActionError, InputError } from '../../../src/runner/errors.js';
import { fakeStep } from '../../support/fake-step.js';
import { inputsOf } from '../../support/unit.js';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('ssh: paths and the agent', () => {
  const PATHS = new Set(['/w/.ssh/id_ed25519', '/keys/deploy', '/run/agent.sock', '/w/k1', '/w/k2']);
  const readable = (p: string) => PATHS.has(p);
  const AGENT = { workspace: '/w', sshAuthSock: '/run/agent.sock' };
  const NO_AGENT = { workspace: '/w' };

  it.each<[string, string[], typeof AGENT | typeof NO_AGENT]>([
    ['the agent (Docker docs: ssh: default)', ['default'], AGENT],
    ['an id forwarding the agent', ['github'], AGENT],
    ['a key relative to the workspace', ['github=.ssh/id_ed25519'], NO_AGENT],
    ['an absolute key', ['deploy=/keys/deploy'], NO_AGENT],
    ['an agent socket given as a path', ['default=/run/agent.sock'], NO_AGENT],
    ['several keys for one id', ['github=k1,k2'], NO_AGENT],
    ['issue 11: default and a key', ['default', 'github=/keys/deploy'], AGENT],
  ])('accepts %s', (_name, ssh, ctx) => {
    expect(() => checkSsh(ssh, ctx, readable)).not.toThrow();
  });

  it.each<[string, string[], typeof AGENT | typeof NO_AGENT, RegExp]>([
    [
      'a key that is not there',
      ['github=/nope/id_rsa'],
      AGENT,
      /^ssh: "github=…": \/nope\/id_rsa is not a readable key file or agent socket; write the key/,
    ],
    [
      'a relative key that is not there: where it was looked for',
      ['github=keys/id_rsa'],
      AGENT,
      /keys\/id_rsa is not a readable key file or agent socket \(looked for \/w\/keys\/id_rsa; paths are relative to the workspace\)/,
    ],
    ['the second key of an id', ['github=k1,k3'], AGENT, /^ssh: "github=…": k3 is not/],
    [
      'the agent without SSH_AUTH_SOCK',
      ['default'],
      NO_AGENT,
      /^ssh: "default" forwards the SSH agent, and SSH_AUTH_SOCK is not set; start one first \(e\.g\. webfactory\/ssh-agent\), or give a key file as default=path\/to\/key$/,
    ],
    ['an id forwarding the agent without SSH_AUTH_SOCK', ['github'], NO_AGENT, /^ssh: "github" forwards/],
    [
      'SSH_AUTH_SOCK naming no socket',
      ['default'],
      { workspace: '/w', sshAuthSock: '/tmp/gone.sock' },
      /SSH_AUTH_SOCK \(\/tmp\/gone\.sock\) is no socket/,
    ],
    ['an entry with no id', ['=/keys/deploy'], AGENT, /^ssh: "=\/keys\/deploy" has no id/],
  ])('refuses %s', (_name, ssh, ctx, line) => {
    const e = thrown(() => checkSsh(ssh, ctx, readable));
    expect(e.input).toBe('ssh');
    expect(e.message).toMatch(line);
  });
});

describe('file: -', () => {
  it('is refused: the action feeds buildx no stdin', () => {
    const e = thrown(() => inputsOf({ file: '-' }));
    expect(e.input).toBe('file');
    expect(e.message).toMatch(
      /^file: "-" reads the Dockerfile from stdin, which this action does not feed; give/,
    );
  });

  it.each(['Dockerfile', 'docker/app.Dockerfile', './-/Dockerfile'])('accepts a path: %s', (file) => {
    expect(() => inputsOf({ file })).not.toThrow();
  });
});

describe('image references: lowercase repositories', () => {
  it.each<[string, string, string, RegExp]>([
    [
      'qemu-image with a capital in the namespace',
      'qemu-image',
      'Tonistiigi/binfmt',
      /^qemu-image: "Tonistiigi\/binfmt" is not an image reference \(e\.g\. docker\.io\/tonistiigi\/binfmt:.*\); repository names are lowercase \(the tag may have capitals\): write "tonistiigi\/binfmt"$/,
    ],
    [
      'qemu-image with a tag',
      'qemu-image',
      'Tonistiigi/binfmt:qemu-v9',
      /write "tonistiigi\/binfmt:qemu-v9"$/,
    ],
    ['qemu-image with capitals in the path', 'qemu-image', 'tonistiigi/Binfmt', /is not an image reference/],
    ['cache-ref', 'cache-ref', 'Acme/app:cache', /^cache-ref: .*write "acme\/app:cache"$/],
    ['image', 'image', 'Acme/app', /^image: "Acme\/app": repository names are lowercase; write "acme\/app"$/],
  ])('refuses %s', (_name, input, value, line) => {
    const e = thrown(() => inputsOf({ [input]: value }));
    expect(e.input).toBe(input);
    expect(e.message).toMatch(line);
  });

  it.each<[string, string]>([
    ['qemu-image', 'tonistiigi/binfmt'],
    ['qemu-image', 'docker.io/tonistiigi/binfmt:qemu-v9.2.2'],
    ['qemu-image', `tonistiigi/binfmt@sha256:${'a'.repeat(64)}`],
    ['qemu-image', 'Mirror.Example.com:5000/tonistiigi/binfmt:latest'],
    ['qemu-image', 'localhost/binfmt:Dev'],
    ['buildkit-image', 'moby/buildkit:buildx-stable-1'],
    ['image', 'ghcr.io/acme/app'],
  ])('accepts %s: %s', (input, value) => {
    expect(() => inputsOf({ [input]: value })).not.toThrow();
  });

  it.each<[string, string | undefined]>([
    ['Tonistiigi/binfmt', 'tonistiigi/binfmt'],
    ['Acme/App:V1', 'acme/app:V1'],
    ['tonistiigi/binfmt', undefined],
    ['Registry.local/acme/app', undefined],
    ['Host:5000/app', undefined],
    ['binfmt', undefined],
  ])('miscasedHubName(%s) = %s', (name, meant) => {
    expect(miscasedHubName(name)).toBe(meant);
  });
});

describe('call: buildx grammar', () => {
  it.each<[string, string, string[]]>([
    ['build', 'build', []],
    ['check', 'check', []],
    ['outline', 'outline', []],
    ['targets', 'targets', []],
    ['outline,format=json', 'outline', ['format=json']],
    ['targets,format=raw', 'targets', ['format=raw']],
    ['check,format=json,ignorestatus=true', 'check', ['format=json', 'ignorestatus=true']],
    ['check, ignorestatus=1', 'check', ['ignorestatus=1']],
  ])('accepts %s', (value, method, fields) => {
    expect(parseCall(value)).toEqual({ method, fields });
  });

  it.each<[string, RegExp]>([
    ['lint', /^call: "lint" does not start with build, check, outline, targets/],
    ['format=json,outline', /^call: "format=json,outline" does not start with/],
    [
      'outline,bogus=1',
      /^call: "bogus=1" in "outline,bogus=1" is not a field buildx reads after outline; give format=… or ignorestatus=…/,
    ],
    ['outline,json', /^call: "json" in "outline,json" is not a field/],
    ['outline,format=yaml', /^call: "format=yaml" in "outline,format=yaml": format is json or raw$/],
    [
      'check,ignorestatus=x',
      /^call: "ignorestatus=x" in "check,ignorestatus=x": ignorestatus is true or false$/,
    ],
  ])('refuses %s', (value, line) => {
    const e = thrown(() => parseCall(value));
    expect(e.input).toBe('call');
    expect(e.message).toMatch(line);
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    [
      'check,format=json is still a check: push cannot apply',
      { call: 'check,format=json', push: 'true', image: 'ghcr.io/acme/app', tags: '1' },
      'call',
    ],
    [
      'outline,format=json builds nothing to hand to a merge',
      { call: 'outline,format=json', mode: 'build', image: 'ghcr.io/acme/app' },
      'call',
    ],
    [
      'build,format=json builds an image: push applies',
      { call: 'build,format=json', push: 'true', image: 'ghcr.io/acme/app', tags: '1' },
      undefined,
    ],
  ])('%s', (_name, values, input) => {
    const read = () => inputsOf(values);
    if (input) expect(thrown(read).input).toBe(input);
    else expect(read().callFields).toEqual(['format=json']);
  });
});

describe('endpoint: a bare name is a docker context of the docker config', () => {
  const config = '/home/runner/.docker';
  const meta = (name: string) =>
    `${config}/contexts/meta/${createHash('sha256').update(name).digest('hex')}/meta.json`;
  const store: Record<string, string> = {
    [meta('arm-box')]: JSON.stringify({
      Name: 'arm-box',
      Endpoints: { docker: { Host: 'ssh://ci@arm-box' } },
    }),
  };
  const readFile = (path: string) => {
    const text = store[path];
    if (text === undefined) throw new Error(`ENOENT: ${path}`);
    return text;
  };

  it.each(['default', 'arm-box', 'ssh://ci@arm-box', 'unix:///var/run/docker.sock', 'tcp://10.0.0.5:2376'])(
    'accepts %s',
    (endpoint) => {
      expect(() => checkEndpoint('docker-container', endpoint, config, readFile)).not.toThrow();
    },
  );

  it('refuses a name that is no context, naming docker context ls', () => {
    const e = thrown(() => checkEndpoint('docker-container', 'no-such-context', config, readFile));
    expect(e.input).toBe('endpoint');
    expect(e.message).toMatch(
      /^endpoint: there is no docker context "no-such-context" \(looked in \/home\/runner\/\.docker\/contexts\); give a name `docker context ls` lists/,
    );
  });

  it('is not checked without a docker config (the input check of a unit test)', () => {
    expect(() => checkEndpoint('docker-container', 'no-such-context')).not.toThrow();
  });
});

describe('builder: an existing builder buildx does not know', () => {
  const values: Record<string, string> = { builder: 'no-such-builder' };
  const inputs = readInputs((name) => values[name] ?? '');

  it('fails naming builder before anything else runs, with the fix', async () => {
    const step = fakeStep({
      rules: [
        {
          match: /inspect no-such-builder$/,
          answer: { code: 1, stderr: 'ERROR: no builder "no-such-builder" found' },
        },
      ],
    });
    const plan = planBuilder(inputs, step.ctx);
    const error = await startBuilder(step, buildxHandle(step.exec, 'buildx'), plan, inputs).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).input).toBe('builder');
    expect((error as ActionError).line).toBe(
      'builder: buildx knows no builder "no-such-builder" on this runner; create it in an earlier step (e.g. with docker/setup-buildx-action) and pass its name, or remove builder to let this step create one',
    );
    expect(step.exec.calls.map((c) => c.argv.slice(1).join(' '))).toEqual(['inspect no-such-builder']);
  });

  it('keeps what inspect printed for the builder outputs (no second inspect)', async () => {
    const step = fakeStep({
      rules: [{ match: /inspect no-such-builder$/, answer: { stdout: 'Name: x\nDriver: docker\n' } }],
    });
    const builder = await startBuilder(
      step,
      buildxHandle(step.exec, 'buildx'),
      planBuilder(inputs, step.ctx),
      inputs,
    );
    expect(builder.inspected).toBe('Name: x\nDriver: docker\n');
    expect(builder.owned).toBe(false);
  });

  it('leaves other inspect failures to the build (the builder may exist and be unreachable)', async () => {
    const step = fakeStep({
      rules: [{ match: /inspect/, answer: { code: 1, stderr: 'ERROR: context deadline exceeded' } }],
    });
    const builder = await startBuilder(
      step,
      buildxHandle(step.exec, 'buildx'),
      planBuilder(inputs, step.ctx),
      inputs,
    );
    expect(builder.inspected).toBeUndefined();
  });
});
