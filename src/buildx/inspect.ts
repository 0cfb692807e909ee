// `buildx inspect` read back into what setup-buildx-action reports as its outputs: driver, nodes, endpoint,
// and the platforms the builder's nodes can build.

/** One node, with the keys setup-buildx-action's `nodes` output uses. */
export interface BuilderNode {
  name: string;
  endpoint: string;
  status?: string;
  'buildkitd-flags'?: string;
  buildkit?: string;
  /** Comma-separated, as buildx lists them. */
  platforms?: string;
  /** Why buildx could not reach or start it. */
  error?: string;
}

export interface BuilderInspect {
  name: string;
  driver: string;
  nodes: BuilderNode[];
}

const NODE_KEYS: Record<string, keyof BuilderNode> = {
  name: 'name',
  endpoint: 'endpoint',
  status: 'status',
  'buildkit daemon flags': 'buildkitd-flags',
  flags: 'buildkitd-flags',
  'buildkit version': 'buildkit',
  buildkit: 'buildkit',
  platforms: 'platforms',
  error: 'error',
};

/** Parses `buildx inspect <name>` text output (old and new key spellings). Pure; never throws. */
export function parseInspect(text: string): BuilderInspect {
  const result: BuilderInspect = { name: '', driver: '', nodes: [] };
  let node: BuilderNode | undefined;
  for (const raw of text.split('\n')) {
    // Labels, GC policy and config files are indented or `>`-prefixed: not ours to read.
    if (/^\s/.test(raw)) continue;
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(raw);
    if (!m) continue;
    const key = (m[1] as string).toLowerCase();
    const value = (m[2] as string).trim();
    if (key === 'nodes') {
      node = undefined;
      continue;
    }
    if (!node && key === 'name' && result.nodes.length === 0 && !result.name) {
      result.name = value;
      continue;
    }
    if (!node && key === 'driver') {
      result.driver = value;
      continue;
    }
    if (key === 'name') {
      node = { name: value, endpoint: '' };
      result.nodes.push(node);
      continue;
    }
    const field = NODE_KEYS[key];
    if (node && field && field !== 'name') {
      // buildx marks platforms a node was configured with by `*`: not part of the platform's name.
      node[field] =
        field === 'platforms' ? value.replace(/\*/g, '').split(/,\s*/).filter(Boolean).join(',') : value;
    }
  }
  return result;
}

/** The platforms the builder can build, over all its nodes, each once, in order. */
export const builderPlatforms = (inspect: BuilderInspect): string[] => [
  ...new Set(inspect.nodes.flatMap((n) => n.platforms?.split(',').filter(Boolean) ?? [])),
];
