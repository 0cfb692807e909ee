// The proxy the registry client goes through, chosen from the environment as Go's net/http chooses it (the
// docker CLI, buildx and BuildKit do): a table of hosts and environments. Requests through a real proxy are
// in registry/api.test.ts.
import { describe, expect, it } from 'vitest';
import { proxyFor } from '../../../src/registry/proxy.js';

const P = 'http://proxy:3128';

describe('proxyFor', () => {
  it.each<[string, NodeJS.ProcessEnv, string | undefined]>([
    ['https://ghcr.io/v2/', {}, undefined],
    ['https://ghcr.io/v2/', { HTTPS_PROXY: P }, P],
    ['https://ghcr.io/v2/', { https_proxy: P }, P],
    ['https://ghcr.io/v2/', { HTTP_PROXY: P }, undefined], // https requests use HTTPS_PROXY
    ['http://registry.corp:5000/v2/', { HTTP_PROXY: P }, P],
    ['http://127.0.0.1:5000/v2/', { HTTP_PROXY: P }, undefined], // loopback: never
    ['http://localhost:5000/v2/', { HTTP_PROXY: P }, undefined],
    ['https://ghcr.io/v2/', { HTTPS_PROXY: P, NO_PROXY: 'ghcr.io' }, undefined],
    ['https://registry.corp.example/v2/', { HTTPS_PROXY: P, NO_PROXY: '.corp.example' }, undefined],
    ['https://registry.corp.example/v2/', { HTTPS_PROXY: P, NO_PROXY: '*.corp.example' }, undefined],
    [
      'https://registry.corp.example:8443/v2/',
      { HTTPS_PROXY: P, no_proxy: 'corp.example,localhost' },
      undefined,
    ],
    ['https://registry.corp.example:8443/v2/', { HTTPS_PROXY: P, NO_PROXY: 'corp.example:443' }, P],
    ['https://registry.corp.example/v2/', { HTTPS_PROXY: P, NO_PROXY: 'corp.example:443' }, undefined],
    ['https://notcorp.example/v2/', { HTTPS_PROXY: P, NO_PROXY: 'corp.example' }, P],
    ['https://ghcr.io/v2/', { HTTPS_PROXY: P, NO_PROXY: '*' }, undefined],
    ['https://ghcr.io/v2/', { HTTPS_PROXY: P, NO_PROXY: ' , ghcr.io ' }, undefined],
  ])('%s with %j → %s', (url, env, expected) => {
    expect(proxyFor(new URL(url), env)).toBe(expected);
  });
});
