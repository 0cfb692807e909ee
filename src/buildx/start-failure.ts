// Why a builder this step created did not start, attributed to the input the failure points at: buildx and
// BuildKit report a bad driver option, daemon config or daemon flag in their own words, and only a failure
// to fetch the image is about buildkit-image.
import type { Inputs } from '../inputs/types.js';
import { ActionError } from '../runner/errors.js';

/** Failures to fetch the BuildKit image: the only ones a mirror in buildkit-image fixes. */
const IMAGE =
  /pull access denied|manifest unknown|manifest for .* not found|not found: manifest|failed to resolve|failed to pull|error pulling|failed to do request|no such host|toomanyrequests|rate limit|unauthorized|repository does not exist|i\/o timeout|dial tcp|tls: |x509: /i;
/** buildx's driver-opt parser, and options a driver does not know. */
const DRIVER_OPT =
  /expecting k=v|invalid driver option|driver-opt|unknown (?:option|opt)\b|invalid value ".*" for /i;
/** buildx reading --buildkitd-config, and buildkitd reading its config file. */
const CONFIG = /buildkit(?:d)? config|configuration file|toml/i;
/** buildkitd refusing a flag it does not know (urfave/cli) or a value it cannot use. */
const FLAGS =
  /flag provided but not defined|incorrect usage|invalid (?:value|argument) .* for flag|allow-insecure-entitlement/i;

/**
 * The error for a builder this step created that did not start, from what buildx said (`reason`) and the
 * inputs that shaped it; `image` is the BuildKit image the node runs. Pure.
 */
export function startFailure(reason: string, inputs: Inputs, image: string): ActionError {
  const config = inputs.buildkitdConfigInline ? 'buildkitd-config-inline' : 'buildkitd-config';
  if (CONFIG.test(reason) && (inputs.buildkitdConfig || inputs.buildkitdConfigInline)) {
    return new ActionError(
      'builder',
      `BuildKit did not accept its config (${reason}); check ${config}`,
      config,
    );
  }
  if (DRIVER_OPT.test(reason) && inputs.driverOpts.length) {
    return new ActionError(
      'builder',
      `buildx did not accept driver-opts (${reason}); check driver-opts`,
      'driver-opts',
    );
  }
  if (FLAGS.test(reason)) {
    return new ActionError(
      'builder',
      `BuildKit did not accept its flags (${reason}); check buildkitd-flags`,
      'buildkitd-flags',
    );
  }
  if (IMAGE.test(reason)) {
    return new ActionError(
      'builder',
      `could not start BuildKit from ${image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`,
      'buildkit-image',
    );
  }
  return new ActionError('builder', `BuildKit from ${image} did not start (${reason})`);
}
