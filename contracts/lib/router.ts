import type { Operation, PathTemplate, RouteMatch, SpecModel } from './types';
import { decodeSegment } from './url';

interface CompiledTemplate {
  template: PathTemplate;
  segments: Array<{ literal: string } | { pattern: RegExp; names: string[] }>;
}

/** Matches concrete request paths to spec operations, literal segments before templated ones. */
export class Router {
  private readonly compiled: CompiledTemplate[];
  private readonly operationsByPath = new Map<string, Operation[]>();

  constructor(spec: SpecModel) {
    this.compiled = spec.templates.map(compileTemplate);
    for (const operation of spec.operations) {
      const list = this.operationsByPath.get(operation.path) ?? [];
      list.push(operation);
      this.operationsByPath.set(operation.path, list);
    }
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split('/').slice(1).map(decodeSegment);
    const candidates = this.compiled
      .map(compiled => ({ compiled, params: matchSegments(compiled, segments) }))
      .filter((entry): entry is { compiled: CompiledTemplate; params: Record<string, string> } => entry.params !== undefined)
      .sort((a, b) => compareSpecificity(a.compiled, b.compiled));

    const wanted = method.toLowerCase();
    for (const { compiled, params } of candidates) {
      const operation = this.operationsByPath.get(compiled.template.canonical)?.find(op => op.method === wanted);
      if (operation !== undefined) return { kind: 'operation', operation, template: compiled.template, pathParams: params };
    }
    const best = candidates[0];
    if (best === undefined) return { kind: 'no-path' };
    const methods = (this.operationsByPath.get(best.compiled.template.canonical) ?? []).map(op => op.method.toUpperCase());
    return { kind: 'method-mismatch', methods, template: best.compiled.template };
  }
}

function compileTemplate(template: PathTemplate): CompiledTemplate {
  const segments = template.key
    .split('/')
    .slice(1)
    .map(segment => {
      if (!segment.includes('{')) return { literal: segment };
      const names: string[] = [];
      const source = segment
        .split(/(\{[^}]+\})/)
        .map(part => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('');
      return { pattern: new RegExp(`^${source}$`), names };
    });
  return { template, segments };
}

function matchSegments(compiled: CompiledTemplate, segments: string[]): Record<string, string> | undefined {
  if (compiled.segments.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of compiled.segments.entries()) {
    const actual = segments[index] ?? '';
    if ('literal' in part) {
      if (part.literal !== actual) return undefined;
      continue;
    }
    const found = part.pattern.exec(actual);
    if (found === null) return undefined;
    part.names.forEach((name, position) => (params[name] = found[position + 1] ?? ''));
  }
  return params;
}

// Earlier literal segments win: "/jobs/stats" beats "/jobs/{id}".
function compareSpecificity(a: CompiledTemplate, b: CompiledTemplate): number {
  for (let index = 0; index < a.segments.length; index++) {
    const aLiteral = 'literal' in (a.segments[index] ?? {});
    const bLiteral = 'literal' in (b.segments[index] ?? {});
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}
