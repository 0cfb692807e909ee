// The typed inputs every phase reads: what readInputs returns once every input has parsed and passed its checks.
import type { Annotation } from '../model/annotations.js';
import type { Platform } from '../model/platforms.js';

export type Mode = 'all' | 'build' | 'merge';
export type QemuMode = 'auto' | 'host' | 'image' | 'off';
export type Driver = 'docker-container' | 'docker' | 'remote' | 'kubernetes';
export type CacheMode = 'auto' | 'gha' | 'registry' | 'local' | 'off';
export type CacheWrite = 'auto' | 'always' | 'never';
export type HandoffMode = 'auto' | 'cache' | 'tags';
export const CALL_METHODS = ['build', 'check', 'outline', 'targets'] as const;
export type CallMethod = (typeof CALL_METHODS)[number];

/** The inputs that shape the builder this step creates (none applies to an existing `builder`). */
export const BUILDER_KNOBS = [
  'driver-opts',
  'buildkitd-flags',
  'buildkitd-config',
  'buildkitd-config-inline',
  'buildkit-image',
  'endpoint',
  'append',
] as const;

/** An input's value as given, trimmed; '' when unset. */
export type InputGetter = (name: string) => string;

export interface KeyValue {
  key: string;
  value: string;
}

/** The TLS files a remote BuildKit node is reached with (its driver-opts of the same names). */
export type TlsKey = 'cacert' | 'cert' | 'key';

/** One entry of `append`: a BuildKit node added to the step's builder (`buildx create --append`). */
export interface AppendNode {
  /** As given; buildx names an unnamed node after the builder and its position (`<builder><n>`). */
  name?: string;
  /** A docker context or host (docker-container), a BuildKit address (remote); none for kubernetes. */
  endpoint?: string;
  /** The platforms it builds natively, declared to buildx (`--platform`): they never run under QEMU here. */
  platforms: Platform[];
  driverOpts: string[];
  buildkitdFlags?: string;
  /** TLS files given as PEM in BUILDER_NODE_<n>_AUTH_TLS_* (setup-buildx-action's variables), not paths. */
  tlsFromEnv: TlsKey[];
}

export interface Inputs {
  mode: Mode;
  platforms: Platform[];
  images: string[];
  /** Each entry a bare tag (applies to every image) or a full reference, as given. */
  tags: string[];
  /** As given; undefined: the Git context of the workflow's commit, as build-push-action (see source.ts). */
  context?: string;
  file?: string;
  target?: string;
  buildArgs: KeyValue[];
  buildContexts: KeyValue[];
  labels: KeyValue[];
  annotations: Annotation[];
  /** Values may span lines (quoted whole in the input). */
  secrets: KeyValue[];
  secretFiles: KeyValue[];
  secretEnvs: KeyValue[];
  ssh: string[];
  noCache: boolean;
  /** Stages built without the cache (`--no-cache-filter`). */
  noCacheFilters: string[];
  /** `--call`: build (the default), check (the Dockerfile checks), outline, targets. */
  call?: CallMethod;
  /** The key=value fields buildx takes after the method (`format=json`, `ignorestatus=true`), as given. */
  callFields: string[];
  /** Extra `--output` destinations, as buildx takes them (quotes kept). */
  outputs: string[];
  /** `--attest` items, as given. */
  attests: string[];
  cgroupParent?: string;
  /** Authenticates BuildKit's clone of the default Git context. */
  githubToken?: string;
  pull: boolean;
  push: boolean;
  load: boolean;
  provenance?: string;
  sbom?: string;
  network?: string;
  addHosts: string[];
  allow: string[];
  shmSize?: string;
  ulimit: string[];
  cacheFrom: string[];
  cacheTo: string[];
  cache: CacheMode;
  cacheRef?: string;
  cacheWrite: CacheWrite;
  qemu: QemuMode;
  qemuImage: string;
  driver: Driver;
  driverOpts: string[];
  buildkitdFlags: string;
  buildkitdConfig?: string;
  buildkitdConfigInline?: string;
  buildkitImage?: string;
  endpoint?: string;
  /** TLS files for the builder's own node given in BUILDER_NODE_0_AUTH_TLS_* (driver: remote, tcp://). */
  tlsFromEnv: TlsKey[];
  /** `append`: nodes added to the builder, in order (filled by readAppend once the YAML is parsed). */
  append: AppendNode[];
  /**
   * The builder's own node is a BuildKit container this step starts on the engine, and its driver is remote:
   * set by readAppend when the driver is docker-container and an appended node can only be a BuildKit daemon.
   */
  localNode: boolean;
  builder?: string;
  cleanup: boolean;
  qemuCleanup: boolean;
  handoff: HandoffMode;
  /** Names one variant of the image in a matrix that builds several ('' when unset). */
  variant: string;
  sources: string[];
  platformOverrides: Array<{ from: Platform; to: Platform }>;
  summary: boolean;
  buildxVersion?: string;
  buildxUrl?: string;
}

/** Pinned, not `latest`: users pin tonistiigi/binfmt because QEMU releases have regressed before. */
export const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v9.2.2';
/** What buildx's docker-container driver runs when no image is given (setup-buildx-action's default too). */
export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';
export const DEFAULT_BUILDKITD_FLAGS =
  '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';
