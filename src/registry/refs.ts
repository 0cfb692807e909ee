// Image reference grammar from the distribution spec, reduced to what tags and repositories need here.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const REPOSITORY = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function isRepository(name: string): boolean {
  if (name.length > 255 || !REPOSITORY.test(name)) return false;
  // A first component with no dot, colon or "localhost" is a Docker Hub path, not a domain; both parse alike.
  return true;
}

/**
 * The reference as it was meant when its first component has capitals but no dot or port and is not
 * localhost (`Tonistiigi/binfmt`): Docker reads such a component as a registry host, which a Docker Hub
 * namespace typed with a capital never is. Returns it lowercased (tag and digest kept), or undefined when the
 * name has no such component.
 */
export function miscasedHubName(text: string): string | undefined {
  const slash = text.indexOf('/');
  const first = slash < 0 ? '' : text.slice(0, slash);
  if (!first || /[.:]/.test(first) || first === first.toLowerCase()) return undefined;
  const rest = text.slice(slash + 1);
  const end = rest.search(/[:@]/);
  const path = end < 0 ? rest : rest.slice(0, end);
  return `${first.toLowerCase()}/${path.toLowerCase()}${end < 0 ? '' : rest.slice(end)}`;
}

export const isTag = (tag: string): boolean => TAG.test(tag);
export const isDigest = (digest: string): boolean => DIGEST.test(digest);

export interface Reference {
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `repo[:tag][@digest]`; undefined when it is not a valid reference. */
export function parseReference(text: string): Reference | undefined {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!isTag(tag)) return undefined;
  }
  if (!isRepository(rest)) return undefined;
  return { repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The repository as the registry knows it: Docker Hub names spelled out (`acme/app`, `docker.io/acme/app`
 * and `index.docker.io/acme/app` are `docker.io/acme/app`; a one-word name is under `library/`). A first
 * component with a dot or a port, or `localhost`, is a registry; anything else is a Docker Hub path.
 */
export function normalizeRepository(repository: string): string {
  const slash = repository.indexOf('/');
  const first = slash < 0 ? '' : repository.slice(0, slash);
  const isDomain =
    first !== '' && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let domain = isDomain ? first : 'docker.io';
  let path = isDomain ? repository.slice(slash + 1) : repository;
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return `${domain}/${path}`;
}

/** Two repository names (or references) that name one repository (see normalizeRepository). */
export function sameRepository(a: string, b: string): boolean {
  const repo = (s: string) => normalizeRepository(parseReference(s)?.repository ?? s);
  return repo(a) === repo(b);
}

export function formatReference(ref: Reference): string {
  return `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
