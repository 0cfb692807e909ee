import { normalizeRepository, parseReference } from './refs.js';

const isFull = (tag: string) => tag.includes('/') || tag.includes(':');

/**
 * The references to publish: a bare tag applies to every image, a full reference (what
 * docker/metadata-action outputs) is used as is. `suffix` makes per-platform tags for a matrix leg.
 */
export function resolveTags(images: string[], tags: string[], suffix = ''): string[] {
  const refs = tags.flatMap((tag) => {
    if (!isFull(tag)) return images.map((image) => `${image}:${tag}${suffix}`);
    const ref = parseReference(tag);
    return [`${ref?.repository}:${ref?.tag}${suffix}`];
  });
  // `acme/app:1` and `docker.io/acme/app:1` are one tag: keep the first spelling.
  return firstOfEach(refs, (r) => {
    const ref = parseReference(r);
    return ref ? `${normalizeRepository(ref.repository)}:${ref.tag ?? ''}` : r;
  });
}

/** Repositories the refs point into, each once however it is spelled (Docker Hub), in first-seen order. */
export function repositoriesOf(refs: string[]): string[] {
  const repos = refs.map((r) => parseReference(r)?.repository ?? r);
  return firstOfEach(repos, normalizeRepository);
}

function firstOfEach(values: string[], key: (v: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
