// provenance, sbom and attests as build-push-action turns them into --attest values.
import { describe, expect, it } from 'vitest';
import {
  attestArgs,
  attestsSomething,
  GO_BOOL,
  goBool,
  type AttestContext,
} from '../../../src/inputs/attests.js';
import { checkBuildInputs, outputType } from '../../../src/inputs/build-checks.js';
import { InputError } from '../../../src/runner/errors.js';
import { inputsOf } from '../../support/unit.js';

const ID = 'https://github.com/acme/app/actions/runs/7/attempts/2';
const PUBLIC: AttestContext = { builderId: ID, privateRepository: false, loads: false };

describe('goBool and GO_BOOL: Go’s strconv.ParseBool', () => {
  it.each([
    ['1', true],
    ['t', true],
    ['TRUE', true],
    ['True', true],
    ['0', false],
    ['F', false],
    ['false', false],
    ['yes', undefined],
    ['tRuE', undefined],
    ['constructor', undefined], // an object's own keys only
    [undefined, undefined],
  ] as const)('%s → %s', (value, expected) => {
    expect(goBool(value)).toBe(expected);
    if (value !== undefined) expect(GO_BOOL.test(value)).toBe(expected !== undefined);
  });
});

describe('attestArgs', () => {
  it.each([
    {
      name: 'unset, public repository: max',
      inputs: {},
      at: PUBLIC,
      expected: [`type=provenance,mode=max,builder-id=${ID}`],
    },
    {
      name: 'unset, private repository: min, inline only',
      inputs: {},
      at: { ...PUBLIC, privateRepository: true },
      expected: [`type=provenance,mode=min,inline-only=true,builder-id=${ID}`],
    },
    {
      name: 'unset, loading into the image store: none',
      inputs: {},
      at: { ...PUBLIC, loads: true },
      expected: [],
    },
    {
      name: 'unset, BuildKit older than 0.11: none',
      inputs: {},
      at: { ...PUBLIC, oldBuildKit: true },
      expected: [],
    },
    {
      name: 'true: the builder-id only',
      inputs: { provenance: 'true' },
      at: PUBLIC,
      expected: [`type=provenance,builder-id=${ID}`],
    },
    {
      name: 'false: disabled',
      inputs: { provenance: 'false' },
      at: PUBLIC,
      expected: ['type=provenance,disabled=true'],
    },
    {
      name: 'FALSE: disabled',
      inputs: { provenance: 'FALSE' },
      at: PUBLIC,
      expected: ['type=provenance,disabled=true'],
    },
    {
      name: 'attributes: builder-id added',
      inputs: { provenance: 'mode=max' },
      at: PUBLIC,
      expected: [`type=provenance,mode=max,builder-id=${ID}`],
    },
    {
      name: 'attributes with a builder-id of their own: kept',
      inputs: { provenance: 'mode=min,builder-id=https://ci.example.com/1' },
      at: PUBLIC,
      expected: ['type=provenance,mode=min,builder-id=https://ci.example.com/1'],
    },
    {
      name: 'given while loading: kept',
      inputs: { provenance: 'mode=min' },
      at: { ...PUBLIC, loads: true },
      expected: [`type=provenance,mode=min,builder-id=${ID}`],
    },
    {
      name: 'sbom true, then attests; provenance in attests replaces the default',
      inputs: { sbom: 'true', attests: ['type=provenance,mode=min', 'type=vuln,disabled=false'] },
      at: PUBLIC,
      expected: [
        'type=sbom,disabled=false',
        `type=provenance,mode=min,builder-id=${ID}`,
        'type=vuln,disabled=false',
      ],
    },
    {
      name: 'the provenance and sbom inputs win over attests items of their type',
      inputs: {
        provenance: 'false',
        sbom: 'generator=mirror/scanner:1',
        attests: ['type=provenance,mode=max', 'type=sbom'],
      },
      at: PUBLIC,
      expected: ['type=provenance,disabled=true', 'type=sbom,generator=mirror/scanner:1'],
    },
  ])('$name', ({ inputs, at, expected }) => {
    expect(attestArgs({ attests: [], ...inputs }, at)).toEqual(expected);
  });

  it.each([
    [[], false],
    [['type=provenance,disabled=true'], false],
    [['type=provenance,disabled=true', 'type=sbom,disabled=false'], true],
    [[`type=provenance,mode=max,builder-id=${ID}`], true],
  ] as const)('attestsSomething(%j) → %s', (attests, expected) => {
    expect(attestsSomething([...attests])).toBe(expected);
  });
});

describe('call and outputs against push, load and the modes', () => {
  it.each([
    ['type=local,dest=out', 'local'],
    ['out', 'local'],
    ['type=docker', 'docker'],
    ['type=image,"name=a,b",push=true', 'image'],
    [' type = tar , dest=x', 'tar'],
  ])('outputType(%s) → %s', (output, type) => {
    expect(outputType(output)).toBe(type);
  });

  it.each<{ values: Record<string, string>; error: RegExp }>([
    {
      values: { call: 'check', push: 'true', image: 'ghcr.io/acme/app', tags: '1' },
      error: /^call: call: check builds no image, so push cannot apply; run the check in a step of its own/,
    },
    { values: { call: 'check', load: 'true' }, error: /^call: .* so load cannot apply/ },
    {
      values: { call: 'outline', outputs: 'type=local,dest=x' },
      error: /^call: call: outline builds no image, so outputs cannot apply/,
    },
    {
      values: { call: 'check', mode: 'build', image: 'ghcr.io/acme/app' },
      error: /^call: call: check builds nothing to hand to a merge; run it in a mode: all step/,
    },
    {
      values: { call: 'lint' },
      error: /^call: "lint" does not start with build, check, outline, targets \(the method buildx calls\)/,
    },
    {
      values: { outputs: 'type=local,dest=x', mode: 'build', image: 'ghcr.io/acme/app' },
      error: /^outputs: a mode: build leg pushes by digest to image itself/,
    },
    {
      values: { outputs: 'type=registry', image: 'ghcr.io/acme/app' },
      error:
        /^outputs: "type=registry" pushes without this action checking what the registry holds; publish with push: true and tags/,
    },
    {
      values: { outputs: 'type=image,name=ghcr.io/acme/app,push=true' },
      error: /^outputs: .* pushes without this action checking/,
    },
    // Every spelling buildx reads as true (Go's ParseBool), and a quoted field: all push.
    ...['push=1', 'push=t', 'push=TRUE', '"push=true"', ' push = True '].map((push) => ({
      values: { outputs: `type=image,name=ghcr.io/acme/app:t1,${push}` },
      error: /^outputs: .* pushes without this action checking/,
    })),
    {
      values: { outputs: 'type=image,name=ghcr.io/acme/app,push-by-digest=1,push=1' },
      error: /^outputs: .* is what mode: build does for a matrix leg/,
    },
    {
      values: { outputs: 'type=local,dest=x', push: 'true', image: 'ghcr.io/acme/app', tags: '1' },
      error: /^outputs: push: true already sends the image to its tags; remove push, or remove outputs/,
    },
  ])('$error', ({ values, error }) => {
    expect(() => inputsOf(values)).toThrow(InputError);
    expect(() => inputsOf(values)).toThrow(error);
  });

  it.each<Record<string, string>>([
    { call: 'check' },
    { call: 'build', push: 'true', image: 'ghcr.io/acme/app', tags: '1' },
    { outputs: 'type=local,dest=out\ntype=docker', tags: 'app:dev' },
    { outputs: 'type=local,dest=out', load: 'true' },
    { outputs: 'type=image,name=ghcr.io/acme/app:t1,push=0' },
    { outputs: 'type=image,name=ghcr.io/acme/app:t1,push=false' },
  ])('accepts %j', (values) => {
    expect(() => checkBuildInputs(inputsOf(values))).not.toThrow();
  });
});
