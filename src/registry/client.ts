// Reads what a registry holds, through buildx imagetools, retrying what may pass.
import type { Buildx } from '../buildx/buildx.js';
import { retry } from '../exec/retry.js';
import type { Step } from '../runner/step.js';
import { errorIsTransient, isNotFound } from './failures.js';
import { sha256, type Descriptor, type ImageIndex } from './manifests.js';

/** What the registry holds for a reference: its exact bytes, their digest, and the parsed manifest or index. */
export interface Inspected {
  ref: string;
  raw: string;
  digest: string;
  manifest: ImageIndex;
}

/** Registry reads: 4 attempts, 1 s, 2 s, 4 s apart (±25 %), on top of buildx's own immediate retry. */
export const READ_RETRY = { attempts: 4, baseMs: 1000 };

/** The registry as phases read it: one handle over buildx, the step's process runner and its log. */
export class Registry {
  /** `env` is added to every command's environment (e.g. BUILDX_BUILDER, for the builder's registry config). */
  constructor(
    private readonly step: Step,
    readonly buildx: Buildx,
    readonly env: Record<string, string> = {},
  ) {}

  private read(what: string, args: string[]) {
    return retry(
      this.step.exec,
      this.step.log,
      { ...READ_RETRY, what },
      () => this.buildx.run(['imagetools', 'inspect', ...args], { echo: false, env: this.env }),
      errorIsTransient,
    );
  }

  /** Reads the manifest or index `ref` names. Throws the last ExecError once retries are spent. */
  async inspect(ref: string): Promise<Inspected> {
    const { stdout } = await this.read(`inspecting ${ref}`, ['--raw', ref]);
    return { ref, raw: stdout, digest: sha256(stdout), manifest: JSON.parse(stdout) as ImageIndex };
  }

  /** Like inspect, but a reference that does not exist is `undefined`; any other failure still throws. */
  async lookup(ref: string): Promise<Inspected | undefined> {
    try {
      return await this.inspect(ref);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** The platform a single image manifest was built for, from its config (a manifest itself names none). */
  async platformOf(ref: string): Promise<NonNullable<Descriptor['platform']>> {
    const { stdout } = await this.read(`reading the config of ${ref}`, ['--format', '{{json .Image}}', ref]);
    const config = JSON.parse(stdout) as { os?: string; architecture?: string; variant?: string };
    if (!config.os || !config.architecture) throw new Error(`${ref} has no os/architecture in its config`);
    return {
      os: config.os,
      architecture: config.architecture,
      ...(config.variant ? { variant: config.variant } : {}),
    };
  }
}
