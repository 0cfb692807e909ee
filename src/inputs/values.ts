// What an input may hold where the action puts it inside something with a grammar of its own: an attribute
// list (`type=gha,scope=…`, `id=…,env=…`), a cache scope or key, a tag, a path, a command's positional
// argument. Checked once every input has parsed, before anything runs.
import { InputError } from '../runner/errors.js';
import type { Inputs } from './types.js';

/** BuildKit's Dockerfile stage names (`FROM … AS <name>`, matched without case). */
export const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/i;
/** A POSIX environment variable name, as `secret-envs` must name one. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The URL forms buildx takes as a remote BuildKit address. */
export const ENDPOINT = /^[a-z][a-z0-9+.-]*:\/\/[^\s,]+$/i;

/** Shows a value in an error without letting it run on: at most 60 characters, one line. */
function shown(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return flat.length > 64 ? `${flat.slice(0, 60)}…` : flat;
}

/**
 * Checks every input whose value the action places inside a grammar of its own, so a value can only ever
 * be what the input means: `target` is a stage name (it becomes part of the cache scope, a path under
 * RUNNER_TEMP and a cache tag), `secret-envs` values are variable names (they sit in `id=…,env=…`),
 * `endpoint` of driver: remote is a BuildKit address, `context` is not an option and `file` is not stdin. Throws InputError naming the input and the fix.
 */
export function checkAttributeValues(inputs: Inputs): void {
  if (inputs.target !== undefined && !STAGE_NAME.test(inputs.target)) {
    throw new InputError(
      'target',
      `"${shown(inputs.target)}" is not a Dockerfile stage name (a letter, then letters, digits, _ . or -); set it to the name after AS in your Dockerfile's FROM line`,
    );
  }
  const ids: Array<[string, Inputs['secrets']]> = [
    ['secrets', inputs.secrets],
    ['secret-files', inputs.secretFiles],
    ['secret-envs', inputs.secretEnvs],
  ];
  for (const [name, entries] of ids) {
    // A `secrets` id names the file its value is written to: "." and ".." are not names.
    const dots = entries.find(({ key }) => /^\.+$/.test(key));
    if (dots) {
      throw new InputError(
        name,
        `secret id "${dots.key}" is only dots; give each secret an id with a letter or digit (e.g. npm_token)`,
      );
    }
  }
  for (const { key, value } of inputs.secretEnvs) {
    if (!ENV_NAME.test(value)) {
      throw new InputError(
        'secret-envs',
        `"${key}=${shown(value)}": "${shown(value)}" is not an environment variable name (letters, digits and _, not starting with a digit); give one id=ENV_NAME per line`,
      );
    }
  }
  // The docker-container driver's endpoint (a docker context or Docker host) is checked with the driver.
  if (inputs.driver === 'remote' && inputs.endpoint !== undefined && !ENDPOINT.test(inputs.endpoint)) {
    throw new InputError(
      'endpoint',
      `"${shown(inputs.endpoint)}" is not a BuildKit address; give one like tcp://buildkitd:1234 or unix:///run/buildkit/buildkitd.sock, or, to build in a BuildKit container on a docker context or Docker host, remove driver: remote`,
    );
  }
  // buildx reads `-` as the Dockerfile on stdin, and this action gives buildx no stdin.
  if (inputs.file === '-') {
    throw new InputError(
      'file',
      '"-" reads the Dockerfile from stdin, which this action does not feed; give the Dockerfile\'s path relative to the workspace (e.g. Dockerfile or docker/app.Dockerfile)',
    );
  }
  if (inputs.context?.startsWith('-')) {
    throw new InputError(
      'context',
      `"${shown(inputs.context ?? '')}" starts with "-", which buildx would read as an option; write a path such as ./${shown(inputs.context ?? '')}`,
    );
  }
}
