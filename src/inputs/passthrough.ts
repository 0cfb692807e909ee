// Inputs handed to `buildx build` as they are, in the grammar buildx itself checks: provenance, sbom, attests,
// network, add-hosts, allow, ulimit, shm-size. buildx only checks them after the QEMU phase ran and a builder
// started, and its message does not name the input; here each is checked before anything runs. Where the set
// of names can grow with a newer buildx or BuildKit (entitlements, attestation keys), only the shape and the
// known names' misspellings are refused: a name this check has not heard of is left to buildx.
import { isIP } from 'node:net';
import { InputError } from '../runner/errors.js';
import { csvFields, GO_BOOL } from './attests.js';
import type { Inputs } from './types.js';

const shown = (value: string): string => {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return flat.length > 64 ? `${flat.slice(0, 60)}…` : flat;
};

/** Levenshtein distance, for telling a misspelt known name from a name a newer tool may know. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/** The known name `name` is a misspelling of (1–2 edits away), if any. */
const misspelt = (name: string, known: readonly string[]): string | undefined =>
  known.find((k) => k !== name && distance(k, name) <= 2);

/** Values BuildKit itself checks for the keys of one attestation type (other keys are left to it). */
const ATTEST_VALUES: Record<string, Record<string, RegExp>> = {
  provenance: { mode: /^(min|max)$/, 'inline-only': GO_BOOL, disabled: GO_BOOL },
  sbom: { disabled: GO_BOOL },
};
const ATTEST_EXAMPLES: Record<string, string> = {
  provenance: 'true, false, mode=max, or mode=min,inline-only=true',
  sbom: 'true, false, or generator=docker/buildkit-syft-scanner',
};

/**
 * Checks the fields of one attestation: each a Go boolean or key=value, and the values BuildKit checks for
 * its type. `input` names the input in the error, `typed` says the value carries its own `type=`.
 */
function checkAttestation(input: string, value: string, type: string, typed: boolean): void {
  const example = ATTEST_EXAMPLES[type] ?? 'type=sbom,generator=…';
  for (const field of csvFields(value)) {
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq < 0) {
      if (GO_BOOL.test(field)) continue;
      throw new InputError(
        input,
        `"${shown(field)}" in "${shown(value)}" is neither true/false nor key=value; write ${typed ? `type=${type},…` : ''}${example}`,
      );
    }
    const key = field.slice(0, eq).trim();
    const val = field.slice(eq + 1).trim();
    if (!key) throw new InputError(input, `"${shown(field)}" has no key before "="; write ${example}`);
    const rule = ATTEST_VALUES[type]?.[key];
    if (rule && !rule.test(val)) {
      const want = key === 'mode' ? 'min or max' : 'true or false';
      throw new InputError(input, `${key}=${shown(val)} is not valid for ${type} (${key} is ${want})`);
    }
  }
}

const ATTEST_TYPES = ['provenance', 'sbom'] as const;

function checkAttests(inputs: Pick<Inputs, 'provenance' | 'sbom' | 'attests'>): void {
  if (inputs.provenance) checkAttestation('provenance', inputs.provenance, 'provenance', false);
  if (inputs.sbom) checkAttestation('sbom', inputs.sbom, 'sbom', false);
  for (const attest of inputs.attests) {
    const types = csvFields(attest)
      .filter((f) => f.split('=')[0]?.trim() === 'type')
      .map((f) => f.slice(f.indexOf('=') + 1).trim());
    const type = types[0];
    if (type === undefined || types.length > 1) {
      throw new InputError(
        'attests',
        `"${shown(attest)}" needs exactly one type= (provenance or sbom), e.g. type=sbom,generator=docker/buildkit-syft-scanner`,
      );
    }
    // buildx knows these two; it refuses any other type itself, after the builder has started.
    if (!(ATTEST_TYPES as readonly string[]).includes(type)) {
      throw new InputError(
        'attests',
        `"${shown(attest)}": attestation type "${shown(type)}" is not provenance or sbom (the types buildx builds)`,
      );
    }
    checkAttestation('attests', attest, type, true);
  }
}

/** `--network` values BuildKit runs RUN instructions with. */
const NETWORKS = ['default', 'host', 'none'];

/** An IP as Docker writes one in an extra host (IPv6 possibly in brackets), or Docker's host-gateway. */
const isHostIp = (ip: string): boolean =>
  ip === 'host-gateway' || isIP(ip) !== 0 || (/^\[.*\]$/.test(ip) && isIP(ip.slice(1, -1)) === 6);

function checkAddHost(entry: string): void {
  // buildx splits at the first "=" (host=ip), else at the first ":" (host:ip, so host:::1 is IPv6).
  const eq = entry.indexOf('=');
  const at = eq >= 0 ? eq : entry.indexOf(':');
  const host = at > 0 ? entry.slice(0, at).trim() : '';
  const ip = at > 0 ? entry.slice(at + 1).trim() : '';
  if (!host || !isHostIp(ip)) {
    throw new InputError(
      'add-hosts',
      `"${shown(entry)}" is not host:ip (e.g. docker:10.180.0.1, db=192.168.1.10 or ipv6.local:::1)`,
    );
  }
}

/** Entitlements buildx and BuildKit know today; `device` may name one (`device=<name>[,…]`). */
const ENTITLEMENTS = ['network.host', 'security.insecure', 'device', 'buildx.local.delete'] as const;

function checkAllow(entry: string): void {
  const name = entry.split('=')[0] as string;
  const shape =
    /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(name) && (name === entry || entry.length > name.length + 1);
  const near =
    shape && !(ENTITLEMENTS as readonly string[]).includes(name) ? misspelt(name, ENTITLEMENTS) : undefined;
  if (!shape || near) {
    throw new InputError(
      'allow',
      `"${shown(entry)}" is not an entitlement${near ? `; did you mean ${near}?` : ''} (e.g. network.host, security.insecure, device)`,
    );
  }
}

/** Linux resource limits: the names Docker's ulimit grammar knows (the kernel's RLIMIT_* set). */
const ULIMITS = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];

function checkUlimit(entry: string): void {
  const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(entry.trim());
  const fix = `write type=soft[:hard], e.g. nofile=1024:1024 (types: ${ULIMITS.join(', ')})`;
  if (!m) throw new InputError('ulimit', `"${shown(entry)}" is not type=soft[:hard]; ${fix}`);
  const [, type, soft, hard] = m as unknown as [string, string, string, string | undefined];
  if (!ULIMITS.includes(type)) throw new InputError('ulimit', `"${type}" is not a ulimit type; ${fix}`);
  if (hard !== undefined && Number(hard) !== -1 && (Number(soft) === -1 || Number(soft) > Number(hard))) {
    throw new InputError('ulimit', `"${shown(entry)}": the soft limit is above the hard one; ${fix}`);
  }
}

/** Docker's size grammar (go-units RAMInBytes): a number, then an optional k/m/g/t/p unit, optional i and b. */
const SIZE = /^\d+(\.\d+)* ?([kmgtp])?i?b?$/i;

/**
 * Checks every input passed to `buildx build` in a grammar buildx checks itself, as buildx and
 * build-push-action accept it. Pure. Throws InputError naming the input, the value and the form to write.
 */
export function checkPassThroughInputs(inputs: Inputs): void {
  checkAttests(inputs);
  if (inputs.network !== undefined && !NETWORKS.includes(inputs.network)) {
    throw new InputError(
      'network',
      `"${shown(inputs.network)}" is not a network mode BuildKit runs RUN with; use ${NETWORKS.join(', ')} (host also needs allow: network.host)`,
    );
  }
  inputs.addHosts.forEach(checkAddHost);
  inputs.allow.forEach(checkAllow);
  inputs.ulimit.forEach(checkUlimit);
  if (inputs.shmSize !== undefined && !SIZE.test(inputs.shmSize)) {
    throw new InputError(
      'shm-size',
      `"${shown(inputs.shmSize)}" is not a size; write a number with an optional unit b, k, m or g (e.g. 2g, 512m, 64MB)`,
    );
  }
}
