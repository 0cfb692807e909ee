import { parseReference } from './refs.js';

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
  return [...new Set(refs)];
}

/** Repositories the refs point into, in first-seen order. */
export function repositoriesOf(refs: string[]): string[] {
  return [...new Set(refs.map((r) => parseReference(r)?.repository ?? r))];
}
