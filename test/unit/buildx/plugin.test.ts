import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBuildxPlugin, pluginDirs } from '../../../src/buildx/plugin.js';
import { ctxOf } from '../../support/unit.js';

describe('the buildx plugin binary', () => {
  it('is looked for where the docker CLI looks: DOCKER_CONFIG, its cliPluginsExtraDirs, then system dirs', () => {
    const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
    writeFileSync(join(config, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: ['/opt/plugins'] }));
    expect(pluginDirs(ctxOf({ DOCKER_CONFIG: config }).dockerConfig)).toEqual([
      join(config, 'cli-plugins'),
      '/opt/plugins',
      '/usr/local/lib/docker/cli-plugins',
      '/usr/local/libexec/docker/cli-plugins',
      '/usr/lib/docker/cli-plugins',
      '/usr/libexec/docker/cli-plugins',
    ]);
    expect(pluginDirs(ctxOf({}).dockerConfig)[0]).toBe('/root/.docker/cli-plugins');
  });

  it('is found when executable in the first dir that has it', () => {
    const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
    mkdirSync(join(config, 'cli-plugins'));
    const file = join(config, 'cli-plugins', 'docker-buildx');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    expect(findBuildxPlugin(config)).toBe(file);
    chmodSync(file, 0o644);
    expect(findBuildxPlugin(config)).not.toBe(file);
  });
});
