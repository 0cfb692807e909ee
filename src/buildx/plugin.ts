import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the docker CLI looks for plugins, in its order: `<config>/cli-plugins`, the config's
 * cliPluginsExtraDirs, then the system's. `config` is the docker CLI's config dir (DOCKER_CONFIG or ~/.docker).
 */
export function pluginDirs(config: string): string[] {
  let extra: string[] = [];
  try {
    const parsed = JSON.parse(readFileSync(join(config, 'config.json'), 'utf8')) as {
      cliPluginsExtraDirs?: string[];
    };
    extra = parsed.cliPluginsExtraDirs ?? [];
  } catch {
    // no config, or not JSON: the docker CLI would ignore it too
  }
  const system = ['/usr/local/lib', '/usr/local/libexec', '/usr/lib', '/usr/libexec'].map(
    (d) => `${d}/docker/cli-plugins`,
  );
  return [join(config, 'cli-plugins'), ...extra, ...system];
}

/**
 * The buildx plugin binary the docker CLI would run, or undefined. Running it directly (buildx runs standalone) skips the
 * CLI's own start-up and its plugin metadata call: about 50 ms on every buildx command.
 */
export function findBuildxPlugin(dockerConfig: string): string | undefined {
  for (const dir of pluginDirs(dockerConfig)) {
    const file = join(dir, 'docker-buildx');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}
