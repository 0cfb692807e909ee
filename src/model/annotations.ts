// Annotations as buildx writes them: `[level[,level…][platform,…]:]key=value`, kept structured from the
// input to the registry read-back.
import { parsePlatform } from './platforms.js';

/** Levels as buildx names them; an annotation without one is `manifest`. */
export const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'] as const;
export type AnnotationLevel = (typeof ANNOTATION_LEVELS)[number];

export interface Annotation {
  /** Levels as written; empty means buildx's default, `manifest`. */
  levels: AnnotationLevel[];
  /** A `[linux/amd64,…]` platform selector, as written. */
  selector?: string;
  key: string;
  value: string;
}

/**
 * Parses one `[levels[selector]:]key=value` line. Throws an Error saying what is wrong with the line (the
 * caller names the input).
 */
export function parseAnnotation(line: string): Annotation {
  const eq = line.indexOf('=');
  if (eq <= 0) throw new Error(`"${line}" is not [level:]key=value`);
  const left = line.slice(0, eq);
  const value = line.slice(eq + 1);
  const colon = left.lastIndexOf(':');
  if (colon < 0) return { levels: [], key: left, value };
  const prefix = left.slice(0, colon);
  const key = left.slice(colon + 1);
  const match = /^([a-z,-]+)(\[[^\]]+\])?$/.exec(prefix);
  const levels = match?.[1]?.split(',') ?? [];
  const bad = levels.find((t) => !(ANNOTATION_LEVELS as readonly string[]).includes(t));
  if (!match || bad !== undefined || !key) {
    throw new Error(`level "${bad ?? prefix}" in "${line}" is not one of ${ANNOTATION_LEVELS.join(', ')}`);
  }
  for (const platform of match[2]?.slice(1, -1).split(',') ?? []) {
    try {
      parsePlatform(platform);
    } catch (e) {
      throw new Error(`the platform selector in "${line}": ${(e as Error).message}`, { cause: e });
    }
  }
  return {
    levels: levels as AnnotationLevel[],
    ...(match[2] ? { selector: match[2] } : {}),
    key,
    value,
  };
}

/** The annotation as buildx takes it (`--annotation`). */
export function formatAnnotation(a: Annotation): string {
  const prefix = a.levels.length ? `${a.levels.join(',')}${a.selector ?? ''}:` : '';
  return `${prefix}${a.key}=${a.value}`;
}

/** The levels an annotation applies to (`manifest` when none is written). */
export const levelsOf = (a: Annotation): AnnotationLevel[] => (a.levels.length ? a.levels : ['manifest']);

/** Applies to the index or its descriptor: needs an image index to exist. */
export const isIndexLevel = (a: Annotation): boolean =>
  levelsOf(a).some((l) => l === 'index' || l === 'index-descriptor');

/** The annotations the published index itself must carry, as its `annotations` field would hold them. */
export function indexAnnotations(annotations: Annotation[]): Record<string, string> {
  return Object.fromEntries(
    annotations.filter((a) => levelsOf(a).includes('index')).map((a) => [a.key, a.value]),
  );
}
