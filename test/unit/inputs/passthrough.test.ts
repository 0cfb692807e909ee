// Every input passed to buildx in a grammar buildx checks: the forms Docker's docs show pass, the rest fail
// naming the input. Valid rows come from the buildx build reference, the attestation docs and
// build-push-action's README.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/inputs/inputs.js';
import { InputError } from '../../../src/runner/errors.js';

type Values = Record<string, string>;
const workspace = mkdtempSync(join(tmpdir(), 'passthrough-'));
writeFileSync(join(workspace, 'buildkitd.toml'), '[registry."mirror.example"]\n  http = true\n');
writeFileSync(join(workspace, 'broken.toml'), 'debug = \n');
const machine = { env: {}, os: 'linux' as const, arch: 'x64', workspace };
const read = (values: Values) => readInputs((name) => values[name] ?? '', machine);

function failure(values: Values): string {
  try {
    read(values);
  } catch (e) {
    if (e instanceof InputError) return e.line;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(values)}`);
}

const valid: Array<[string, string]> = [
  ['provenance', 'true'],
  ['provenance', 'false'],
  ['provenance', 'True'],
  ['provenance', '1'],
  ['provenance', '0'],
  ['provenance', 'mode=max'],
  ['provenance', 'mode=min'],
  ['provenance', 'mode=min,inline-only=true'],
  ['provenance', 'mode=max,version=v1'],
  ['provenance', 'builder-id=https://github.com/acme/app/actions/runs/1'],
  ['provenance', 'mode=max,reproducible=true'],
  ['sbom', 'true'],
  ['sbom', 'false'],
  ['sbom', 'generator=docker/buildkit-syft-scanner:1.0.0'],
  ['sbom', 'generator=docker/scout-sbom-indexer:latest,scan-context=true'],
  ['attests', 'type=sbom'],
  ['attests', 'type=sbom,generator=image'],
  ['attests', 'type=provenance,mode=max'],
  ['attests', 'type=provenance,mode=min,inline-only=true\ntype=sbom,disabled=false'],
  ['attests', 'type=sbom,disabled=true'],
  ['network', 'default'],
  ['network', 'host'],
  ['network', 'none'],
  ['add-hosts', 'docker:10.180.0.1'],
  ['add-hosts', 'docker:10.180.0.1,db:192.168.1.10'],
  ['add-hosts', 'db=192.168.1.10'],
  ['add-hosts', 'ipv6.local:::1'],
  ['add-hosts', 'ipv6.local=2001:db8::1'],
  ['add-hosts', 'ipv6.local=[2001:db8::1]'],
  ['add-hosts', 'host.docker.internal:host-gateway'],
  ['allow', 'network.host'],
  ['allow', 'security.insecure'],
  ['allow', 'network.host,security.insecure'],
  ['allow', 'device'],
  ['allow', 'device=nvidia.com/gpu=all'],
  ['allow', 'buildx.local.delete'],
  // An entitlement this check has not heard of and that misspells none it knows: left to buildx.
  ['allow', 'network.bridge.custom'],
  ['ulimit', 'nofile=1024:1024'],
  ['ulimit', 'nproc=512'],
  ['ulimit', 'nofile=1024:2048\nmemlock=-1:-1\nstack=-1'],
  ['ulimit', 'core=0'],
  ['shm-size', '2g'],
  ['shm-size', '512m'],
  ['shm-size', '64MB'],
  ['shm-size', '1.5G'],
  ['shm-size', '1024'],
  ['shm-size', '128k'],
  ['shm-size', '1gib'],
  ['shm-size', '100b'],
  ['driver-opts', 'network=host'],
  ['driver-opts', 'image=moby/buildkit:master\nnetwork=host'],
  ['driver-opts', 'network=host,"env.http_proxy=http://proxy:3128"'],
  ['driver-opts', 'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760'],
  ['buildkitd-config', 'buildkitd.toml'],
  ['buildkitd-config', join(workspace, 'buildkitd.toml')],
  ['buildkitd-config-inline', '[registry."127.0.0.1:5000"]\n  http = true\n'],
  ['buildkitd-config-inline', 'debug = true\n[worker.oci]\n  max-parallelism = 4\n'],
  ['platforms', 'linux/amd64,linux/arm64,linux/arm/v7'],
];

describe('values buildx accepts pass', () => {
  it.each(valid)('%s: %j', (input, value) => {
    expect(() => read({ [input]: value })).not.toThrow();
  });
});

const invalid: Array<[string, string, RegExp, Values?]> = [
  [
    'provenance',
    'maxx',
    /^inputs: provenance: "maxx" in "maxx" is neither true\/false nor key=value; write true, false, mode=max/,
  ],
  ['provenance', 'yes', /^inputs: provenance: "yes" .* is neither true\/false nor key=value/],
  [
    'provenance',
    'mode=maxx',
    /^inputs: provenance: mode=maxx is not valid for provenance \(mode is min or max\)$/,
  ],
  [
    'provenance',
    'mode=max,inline-only=yes',
    /^inputs: provenance: inline-only=yes is not valid for provenance/,
  ],
  ['provenance', '=max', /^inputs: provenance: "=max" has no key/],
  [
    'sbom',
    'yes',
    /^inputs: sbom: "yes" in "yes" is neither true\/false nor key=value; write true, false, or generator=/,
  ],
  ['sbom', 'disabled=nope', /^inputs: sbom: disabled=nope is not valid for sbom/],
  ['attests', 'type=foo', /^inputs: attests: "type=foo": attestation type "foo" is not provenance or sbom/],
  ['attests', 'generator=image', /^inputs: attests: "generator=image" needs exactly one type=/],
  ['attests', 'type=sbom,type=provenance', /^inputs: attests: .* needs exactly one type=/],
  ['attests', 'type=provenance,mode=maxx', /^inputs: attests: mode=maxx is not valid for provenance/],
  [
    'attests',
    'type=sbom,maybe',
    /^inputs: attests: "maybe" in "type=sbom,maybe" is neither true\/false nor key=value; write type=sbom,/,
  ],
  [
    'network',
    'bridge2',
    /^inputs: network: "bridge2" is not a network mode BuildKit runs RUN with; use default, host, none/,
  ],
  ['network', 'bridge', /^inputs: network: "bridge"/],
  ['add-hosts', 'foo', /^inputs: add-hosts: "foo" is not host:ip \(e\.g\. docker:10\.180\.0\.1/],
  ['add-hosts', 'foo:bar', /^inputs: add-hosts: "foo:bar" is not host:ip/],
  ['add-hosts', ':10.0.0.1', /^inputs: add-hosts: ":10\.0\.0\.1" is not host:ip/],
  ['add-hosts', 'db=300.1.1.1', /^inputs: add-hosts: "db=300\.1\.1\.1"/],
  [
    'allow',
    'network.hostt',
    /^inputs: allow: "network\.hostt" is not an entitlement; did you mean network\.host\?/,
  ],
  [
    'allow',
    'security.insecur',
    /^inputs: allow: "security\.insecur" is not an entitlement; did you mean security\.insecure\?/,
  ],
  ['allow', 'devices', /did you mean device\?/],
  ['allow', 'network host', /^inputs: allow: "network host" is not an entitlement \(e\.g\./],
  ['allow', 'device=', /^inputs: allow: "device=" is not an entitlement/],
  [
    'ulimit',
    'nofile',
    /^inputs: ulimit: "nofile" is not type=soft\[:hard\]; write type=soft\[:hard\], e\.g\. nofile=1024:1024/,
  ],
  ['ulimit', 'nofile=lots', /^inputs: ulimit: "nofile=lots" is not type=soft\[:hard\]/],
  ['ulimit', 'nofiles=1024', /^inputs: ulimit: "nofiles" is not a ulimit type/],
  ['ulimit', 'nofile=2048:1024', /^inputs: ulimit: "nofile=2048:1024": the soft limit is above the hard one/],
  [
    'shm-size',
    'lots',
    /^inputs: shm-size: "lots" is not a size; write a number with an optional unit b, k, m or g/,
  ],
  ['shm-size', '-1g', /^inputs: shm-size: "-1g" is not a size/],
  ['shm-size', '2x', /^inputs: shm-size: "2x"/],
  [
    'platforms',
    'windows/amd64',
    /^inputs: platforms: windows\/amd64: the builder this step starts on the runner's engine runs Linux BuildKit/,
  ],
  ['platforms', 'linux/amd64,windows/arm64', /^inputs: platforms: windows\/arm64:/, { driver: 'docker' }],
  [
    'driver-opts',
    'network=host\nbogus',
    /^inputs: driver-opts: "bogus" is not key=value; give one or more key=value per line/,
  ],
  ['driver-opts', 'network=host,=x', /^inputs: driver-opts: "=…" is not key=value/],
  [
    'buildkitd-config',
    '/nonexistent.toml',
    /^inputs: buildkitd-config: \/nonexistent\.toml is not a readable file; give the path/,
  ],
  [
    'buildkitd-config',
    'missing.toml',
    /^inputs: buildkitd-config: missing\.toml is not a readable file \(looked for \/.*\/missing\.toml\)/,
  ],
  ['buildkitd-config', '.', /^inputs: buildkitd-config: \. is not a readable file/],
  ['buildkitd-config', 'broken.toml', /^inputs: buildkitd-config: broken\.toml is not valid TOML at line 1/],
  [
    'buildkitd-config-inline',
    '[[[ not toml',
    /^inputs: buildkitd-config-inline: the text is not valid TOML at line 1, column \d+; BuildKit would not start with it/,
  ],
  [
    'buildkitd-config-inline',
    'password = "s3cr3t\n',
    /^inputs: buildkitd-config-inline: the text is not valid TOML at line 1/,
  ],
];

describe('values buildx refuses fail first, naming the input', () => {
  it.each(invalid)('%s: %j', (input, value, line, extra = {}) => {
    const got = failure({ ...extra, [input]: value });
    expect(got).toMatch(line);
    // A daemon config may hold credentials: its text is never quoted.
    if (input === 'buildkitd-config-inline') expect(got).not.toContain('s3cr3t');
  });
});

describe('platforms another node may build', () => {
  it('leaves windows/amd64 to an existing builder', () => {
    expect(read({ platforms: 'windows/amd64', builder: 'mine' }).platforms).toHaveLength(1);
  });
});
