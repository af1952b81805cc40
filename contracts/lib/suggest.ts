import type { SpecModel } from './types';

/** Jest-style "did you mean" for a path that nearly matches a declared one. */
export function suggestPath(spec: SpecModel, pathname: string): string {
  let best: { key: string; distance: number } | undefined;
  for (const { key } of spec.templates) {
    const distance = levenshtein(normalise(key), normalise(pathname));
    if (best === undefined || distance < best.distance) best = { key, distance };
  }
  if (best === undefined) return '';
  const endsOnly = best.key.endsWith(pathname) || pathname.endsWith(best.key);
  return best.distance <= 3 || endsOnly ? `; did you mean "${best.key}"?` : '';
}

// Path parameters compare equal whatever they are called or hold.
function normalise(path: string): string {
  return path.replace(/\{[^}]+\}/g, '*').replace(/\/\d+(?=\/|$)/g, '/*');
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
