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
  private readonly index: IndexNode = createIndexNode();

  constructor(spec: SpecModel) {
    this.compiled = spec.templates.map(compileTemplate);
    this.compiled.forEach((compiled, position) => addToIndex(this.index, compiled, position));
    for (const operation of spec.operations) {
      const list = this.operationsByPath.get(operation.path) ?? [];
      list.push(operation);
      this.operationsByPath.set(operation.path, list);
    }
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = pathname.split('/').slice(1).map(decodeSegment);
    const candidates = this.candidatesFor(segments)
      .map(compiled => ({ compiled, params: matchSegments(compiled, segments) }))
      .filter(
        (entry): entry is { compiled: CompiledTemplate; params: Record<string, string> } =>
          entry.params !== undefined,
      )
      .sort((a, b) => compareSpecificity(a.compiled, b.compiled));

    const wanted = method.toLowerCase();
    for (const { compiled, params } of candidates) {
      const operation = this.operationsByPath
        .get(compiled.template.canonical)
        ?.find(op => op.method === wanted);
      if (operation !== undefined)
        return { kind: 'operation', operation, template: compiled.template, pathParams: params };
    }
    const best = candidates[0];
    if (best === undefined) return { kind: 'no-path' };
    const methods = (this.operationsByPath.get(best.compiled.template.canonical) ?? []).map(op =>
      op.method.toUpperCase(),
    );
    return { kind: 'method-mismatch', methods, template: best.compiled.template };
  }

  // Templates that could match, in spec order: the index narrows by literal segments, so a
  // request costs the depth of the path rather than the number of paths.
  private candidatesFor(segments: string[]): CompiledTemplate[] {
    const positions: number[] = [];
    let frontier: IndexNode[] = [this.index];
    for (const segment of segments) {
      const next: IndexNode[] = [];
      for (const node of frontier) {
        const literal = node.literals.get(segment);
        if (literal !== undefined) next.push(literal);
        if (node.templated !== undefined) next.push(node.templated);
      }
      frontier = next;
    }
    for (const node of frontier) positions.push(...node.ends);
    return positions
      .sort((a, b) => a - b)
      .map(position => this.compiled[position] as CompiledTemplate);
  }
}

interface IndexNode {
  literals: Map<string, IndexNode>;
  /** Every templated segment shares one branch; its regular expression decides later. */
  templated?: IndexNode;
  /** Positions in spec order of the templates that end here. */
  ends: number[];
}

function createIndexNode(): IndexNode {
  return { literals: new Map(), ends: [] };
}

function addToIndex(root: IndexNode, compiled: CompiledTemplate, position: number): void {
  let node = root;
  for (const part of compiled.segments) {
    if ('literal' in part) {
      let child = node.literals.get(part.literal);
      if (child === undefined) node.literals.set(part.literal, (child = createIndexNode()));
      node = child;
    } else {
      node = node.templated ??= createIndexNode();
    }
  }
  node.ends.push(position);
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
          // Segments are split before decoding, so an encoded "/" (%2F) belongs to the parameter.
          return '(.+)';
        })
        .join('');
      return { pattern: new RegExp(`^${source}$`), names };
    });
  return { template, segments };
}

function matchSegments(
  compiled: CompiledTemplate,
  segments: string[],
): Record<string, string> | undefined {
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
