// Inputs another input makes useless: an error naming both, before anything runs (the one rule of modes.ts).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/runner/errors.js';
import { inputsOf } from '../../support/unit.js';

const IMAGE = { image: 'ghcr.io/acme/app', tags: 'latest' };

describe('inputs without effect beside others', () => {
  it.each<[Record<string, string>, string]>([
    [
      { qemu: 'off', 'qemu-image': 'mirror.example.com/tonistiigi/binfmt:qemu-v9.2.2' },
      'qemu-image: has no effect with qemu: off; set qemu: image (or auto), or remove qemu-image',
    ],
    [
      { qemu: 'host', 'qemu-image': 'mirror.example.com/tonistiigi/binfmt:qemu-v9.2.2' },
      'qemu-image: has no effect with qemu: host; set qemu: image (or auto), or remove qemu-image',
    ],
    [
      { cache: 'registry', 'cache-from': 'type=gha' },
      'cache: has no effect with cache-from / cache-to (they replace the managed cache); remove cache, or remove cache-from and cache-to',
    ],
    [
      { cache: 'off', 'cache-write': 'always' },
      'cache-write: has no effect with cache: off; remove cache-write',
    ],
    [
      { 'cache-to': 'type=gha,mode=max', 'cache-write': 'always' },
      'cache-write: has no effect with cache-from / cache-to (passed as given); remove cache-write',
    ],
    [
      { cache: 'gha', 'cache-ref': 'ghcr.io/acme/cache' },
      'cache-ref: has no effect with cache: gha; set cache: registry (or auto), or remove cache-ref',
    ],
    [
      { 'cache-from': 'type=gha', 'cache-ref': 'ghcr.io/acme/cache' },
      'cache-ref: has no effect with cache-from / cache-to; set cache: registry (or auto), or remove cache-ref',
    ],
  ])('%j → %s', (values, message) => {
    let error: unknown;
    try {
      inputsOf({ ...IMAGE, ...values });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(`inputs: ${message}`);
  });

  it.each<Record<string, string>>([
    { qemu: 'image', 'qemu-image': 'mirror.example.com/tonistiigi/binfmt:qemu-v9.2.2' },
    { qemu: 'auto', 'qemu-image': 'mirror.example.com/tonistiigi/binfmt:qemu-v9.2.2' },
    { qemu: 'off' }, // qemu-image at its default: not set
    { cache: 'off', 'cache-from': 'type=registry,ref=ghcr.io/acme/app:cache' },
    { cache: 'registry', 'cache-ref': 'ghcr.io/acme/cache', 'cache-write': 'always' },
    { cache: 'auto', 'cache-ref': 'ghcr.io/acme/cache' },
    { 'cache-from': 'type=gha', 'cache-to': 'type=gha,mode=max' },
  ])('accepts %j', (values) => {
    expect(() => inputsOf({ ...IMAGE, ...values })).not.toThrow();
  });
});
