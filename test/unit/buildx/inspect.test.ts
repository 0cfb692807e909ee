// `buildx inspect` as setup-buildx-action reports it: driver, platforms, nodes, endpoint.
import { describe, expect, it } from 'vitest';
import { builderPlatforms, parseInspect } from '../../../src/buildx/inspect.js';

// buildx 0.29.1, a docker-container builder on BuildKit v0.25.2 (trimmed: labels, GC policy, config).
const CONTAINER = `Name:          gx-probe
Driver:        docker-container
Last Activity: 2026-11-30 22:27:33 +0000 UTC

Nodes:
Name:                  gx-probe0
Endpoint:              unix:///var/run/docker.sock
Driver Options:        image="127.0.0.1:5000/buildkit/buildkitd:local" network="host"
Status:                running
BuildKit daemon flags: --allow-insecure-entitlement=network.host
BuildKit version:      v0.25.2
Platforms:             linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/386
Labels:
 org.mobyproject.buildkit.worker.executor:         oci
GC Policy rule#0:
 All:            false
File#buildkitd.toml:
 > [registry."127.0.0.1:5000"]
 >   http = true
`;

// Two nodes (a native arm64 node appended) in an older buildx's spelling.
const TWO_NODES = `Name:   multi
Driver: remote

Nodes:
Name:      multi0
Endpoint:  tcp://10.0.0.1:1234
Status:    running
Buildkit:  v0.12.5
Platforms: linux/amd64*, linux/386

Name:      multi1
Endpoint:  tcp://10.0.0.2:1234
Status:    running
Flags:     --debug
Buildkit:  v0.12.5
Platforms: linux/arm64*, linux/arm/v7, linux/386
`;

describe('parseInspect', () => {
  it('a docker-container builder', () => {
    const inspect = parseInspect(CONTAINER);
    expect(inspect).toEqual({
      name: 'gx-probe',
      driver: 'docker-container',
      nodes: [
        {
          name: 'gx-probe0',
          endpoint: 'unix:///var/run/docker.sock',
          status: 'running',
          'buildkitd-flags': '--allow-insecure-entitlement=network.host',
          buildkit: 'v0.25.2',
          platforms: 'linux/amd64,linux/amd64/v2,linux/amd64/v3,linux/386',
        },
      ],
    });
  });

  it('two nodes: platforms over both, each once', () => {
    const inspect = parseInspect(TWO_NODES);
    expect(inspect.driver).toBe('remote');
    expect(inspect.nodes.map((n) => [n.name, n.endpoint, n['buildkitd-flags']])).toEqual([
      ['multi0', 'tcp://10.0.0.1:1234', undefined],
      ['multi1', 'tcp://10.0.0.2:1234', '--debug'],
    ]);
    expect(builderPlatforms(inspect)).toEqual(['linux/amd64', 'linux/386', 'linux/arm64', 'linux/arm/v7']);
  });

  it('nothing readable: empty', () => {
    expect(parseInspect('')).toEqual({ name: '', driver: '', nodes: [] });
  });
});
