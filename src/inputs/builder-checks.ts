// The builder's own inputs buildx or BuildKit read only when the builder starts (driver-opts, buildkitd-config,
// buildkitd-config-inline), and platforms the builder cannot build: checked before anything runs, so a slip
// in one of them is named instead of surfacing as a BuildKit container that did not start.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { formatPlatform } from '../model/platforms.js';
import { InputError } from '../runner/errors.js';
import { csvFields } from './attests.js';
import type { Inputs } from './types.js';

/** Where the TOML is unreadable, by line and column only: a daemon config may hold credentials. */
function tomlError(input: string, text: string, where: string): void {
  try {
    parseToml(text);
  } catch (e) {
    const { line, column } = e as { line?: number; column?: number };
    const at = line ? ` at line ${line}${column ? `, column ${column}` : ''}` : '';
    throw new InputError(
      input,
      `${where} is not valid TOML${at}; BuildKit would not start with it (see https://docs.docker.com/build/buildkit/toml-configuration/)`,
    );
  }
}

/**
 * Checks driver-opts (each line CSV of key=value, as setup-buildx-action passes them to `--driver-opt`),
 * that buildkitd-config names a readable TOML file (relative paths from `workspace`, where buildx runs; not checked
 * without it), and that
 * buildkitd-config-inline is TOML. Reads that file; writes nothing. Throws InputError naming the input.
 */
export function checkBuilderFiles(inputs: Inputs, workspace: string | undefined): void {
  for (const line of inputs.driverOpts) {
    for (const field of csvFields(line)) {
      const eq = field.indexOf('=');
      if (eq <= 0) {
        const item = field.length > 64 ? `${field.slice(0, 60)}…` : field;
        throw new InputError(
          'driver-opts',
          `"${eq === 0 ? '=…' : item}" is not key=value; give one or more key=value per line (e.g. network=host or image=…,network=host)`,
        );
      }
    }
  }
  if (inputs.buildkitdConfig && workspace !== undefined) {
    const path = resolve(workspace, inputs.buildkitdConfig);
    let text: string;
    try {
      if (!statSync(path).isFile()) throw new Error('not a file');
      text = readFileSync(path, 'utf8'); // throws when it cannot be read: no separate access check
    } catch {
      throw new InputError(
        'buildkitd-config',
        `${inputs.buildkitdConfig} is not a readable file${path !== inputs.buildkitdConfig ? ` (looked for ${path})` : ''}; give the path of a buildkitd.toml in the workspace, or put its text in buildkitd-config-inline`,
      );
    }
    tomlError('buildkitd-config', text, inputs.buildkitdConfig);
  }
  if (inputs.buildkitdConfigInline)
    tomlError('buildkitd-config-inline', inputs.buildkitdConfigInline, 'the text');
}

/**
 * A platform whose OS the builder's nodes cannot run: the engine's Linux BuildKit (docker-container,
 * kubernetes, docker drivers) builds linux/* only, unless an appended node declares that platform.
 * driver: remote and an existing `builder` may be anything, so their platforms are left to BuildKit.
 * Throws InputError naming platforms.
 */
export function checkPlatformOs(inputs: Inputs, appendGiven: boolean): void {
  if (inputs.builder || inputs.driver === 'remote') return;
  const declared = new Set(inputs.append.flatMap((n) => n.platforms.map(formatPlatform)));
  const foreign = inputs.platforms.find((p) => p.os !== 'linux' && !declared.has(formatPlatform(p)));
  if (!foreign || (appendGiven && !inputs.append.length)) return;
  throw new InputError(
    'platforms',
    `${formatPlatform(foreign)}: the builder this step starts on the runner's engine runs Linux BuildKit, which builds linux/* platforms only; build ${foreign.os} images on a ${foreign.os} BuildKit (driver: remote, or an append node that declares ${formatPlatform(foreign)})`,
  );
}
