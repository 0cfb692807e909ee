// Attestations as build-push-action asks buildx for them: `provenance`, `sbom` and `attests` become
// `--attest` values; provenance unset gets a default by repository visibility and always names the run.
import { parse } from 'csv-parse/sync';
import type { Inputs } from './types.js';

/** The comma-separated fields of one buildx option value (double quotes enclose commas), trimmed. */
export function csvFields(value: string): string[] {
  try {
    const records: string[][] = parse(value, { relax_column_count: true, relax_quotes: true, trim: true });
    return records.flat();
  } catch {
    return value.split(',').map((f) => f.trim());
  }
}

/** Go's strconv.ParseBool, which buildx applies to boolean attributes and a bare attestation field. */
const GO_BOOLS: Readonly<Record<string, boolean>> = Object.freeze(
  Object.fromEntries([
    ...['1', 't', 'T', 'TRUE', 'true', 'True'].map((v) => [v, true] as const),
    ...['0', 'f', 'F', 'FALSE', 'false', 'False'].map((v) => [v, false] as const),
  ]),
);

/** Every spelling Go's strconv.ParseBool accepts, as a pattern for input rules. */
export const GO_BOOL = new RegExp(`^(${Object.keys(GO_BOOLS).join('|')})$`);

/** `value` read as Go's strconv.ParseBool reads it (1, t, TRUE, …); undefined when it is not a boolean there. */
export const goBool = (value: string | undefined): boolean | undefined =>
  value !== undefined && Object.hasOwn(GO_BOOLS, value) ? GO_BOOLS[value] : undefined;

/** A bare true/false field means enabled/disabled, as buildx reads it. */
function attestationAttrs(value: string): string {
  return csvFields(value)
    .map((f) => {
      const b = goBool(f);
      return b === undefined ? f : `disabled=${!b}`;
    })
    .join(',');
}

const keyOf = (field: string) => field.split('=')[0]?.trim();
const hasType = (attest: string, type: string) =>
  csvFields(attest).some((f) => keyOf(f) === 'type' && f.slice(f.indexOf('=') + 1).trim() === type);

/** Adds `builder-id` unless the value has one. */
function withBuilderId(value: string, builderId: string): string {
  if (!value) return `builder-id=${builderId}`;
  return csvFields(value).some((f) => keyOf(f) === 'builder-id') ? value : `${value},builder-id=${builderId}`;
}

export interface AttestContext {
  /** `<server>/<repository>/actions/runs/<id>/attempts/<n>`: the run that built the image. */
  builderId: string;
  /** The repository is private (from the event payload): min provenance, kept out of the image index. */
  privateRepository: boolean;
  /** The build loads into the engine's image store, which cannot hold attestations. */
  loads: boolean;
  /** The builder's BuildKit is older than 0.11 (no attestations). */
  oldBuildKit?: boolean;
}

/** The `provenance` input as build-push-action reads it: a YAML boolean, or buildx attributes. */
function provenanceValue(input: string, builderId: string): string {
  // @actions/core's getBooleanInput: the YAML 1.2 core schema's spellings only.
  if (/^(true|True|TRUE)$/.test(input)) return `builder-id=${builderId}`;
  if (/^(false|False|FALSE)$/.test(input)) return 'false';
  return withBuilderId(input, builderId);
}

/**
 * The `--attest` values for these inputs, in build-push-action's order: provenance (given, or the default:
 * mode=max on public repositories, mode=min,inline-only=true on private ones, none when loading), sbom, then
 * `attests` (a provenance or sbom item there yields to the input of that name).
 */
export function attestArgs(
  inputs: Pick<Inputs, 'provenance' | 'sbom' | 'attests'>,
  at: AttestContext,
): string[] {
  const out: string[] = [];
  const provenanceInAttests = inputs.attests.some((a) => hasType(a, 'provenance'));
  if (inputs.provenance) {
    out.push(attestationAttrs(`type=provenance,${provenanceValue(inputs.provenance, at.builderId)}`));
  } else if (!provenanceInAttests && !at.oldBuildKit && !at.loads) {
    const mode = at.privateRepository ? 'mode=min,inline-only=true' : 'mode=max';
    out.push(`type=provenance,${withBuilderId(mode, at.builderId)}`);
  }
  if (inputs.sbom) out.push(attestationAttrs(`type=sbom,${inputs.sbom}`));
  for (const attest of inputs.attests) {
    const provenance = hasType(attest, 'provenance');
    const sbom = hasType(attest, 'sbom');
    if (!provenance && !sbom) out.push(attestationAttrs(attest));
    else if (provenance && !inputs.provenance) out.push(withBuilderId(attest, at.builderId));
    else if (sbom && !provenance && !inputs.sbom) out.push(attest);
  }
  return out;
}

/** True when some attestation stays enabled: the result is then an image index, even for one platform. */
export const attestsSomething = (attests: string[]): boolean =>
  attests.some((a) => !csvFields(a).some((f) => /^disabled=(true|1|t)$/i.test(f)));
