import type { JsonSource } from './json-source';

export type Severity = 'error' | 'warning';
export type DocumentRole = 'spec' | 'collection';

/** One reported problem, located precisely enough for an editor or a pull-request annotation. */
export interface Finding {
  /** The rule id, e.g. "envelope". Part of the public interface. */
  rule: string;
  severity: Severity;
  /** One sentence. Names in double quotes, expectations in "must" form. */
  message: string;
  file: string;
  line: number;
  column: number;
  /** RFC 6901 pointer into `file`. */
  pointer: string;
  /** "Folder › Request name", when the finding is about one collection request. */
  request?: string;
  /** "METHOD /path", when the finding is about one spec operation. */
  operation?: string;
}

/** What a rule returns; the engine turns it into a located Finding. */
export interface RuleFinding {
  message: string;
  document: DocumentRole;
  pointer: string;
  request?: CollectionRequest;
  operation?: Operation;
}

export interface Example {
  /** The example's key in an `examples` map, or "example" for the single form. */
  name: string;
  pointer: string;
  value: unknown;
}

export interface MediaTypeDecl {
  mediaType: string;
  pointer: string;
  /** Pointer of the schema inside the spec, when the media type has one. */
  schemaPointer?: string;
  examples: Example[];
}

export interface ResponseDecl {
  status: string;
  pointer: string;
  content: MediaTypeDecl[];
}

export interface ParameterDecl {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  pointer: string;
  schemaPointer?: string;
}

export interface Operation {
  method: string;
  /** The canonical path key, e.g. "/api/v1/jobs/{job_id}". */
  path: string;
  /** "GET /api/v1/jobs/{job_id}" */
  label: string;
  pointer: string;
  operationId?: string;
  summary?: string;
  tag?: string;
  parameters: ParameterDecl[];
  requestBody?: { pointer: string; required: boolean; content: MediaTypeDecl[] };
  responses: ResponseDecl[];
}

/** A path key the router can match; aliases ($ref-only path items) point at a canonical key. */
export interface PathTemplate {
  key: string;
  canonical: string;
  pointer: string;
}

export interface SpecModel {
  source: JsonSource;
  version: '3.0' | '3.1';
  document: Record<string, unknown>;
  operations: Operation[];
  templates: PathTemplate[];
}

export interface KeyValue {
  key: string;
  value: string;
  pointer: string;
}

export interface SavedResponse {
  name: string;
  pointer: string;
  code?: number;
  headers: KeyValue[];
  body?: string;
}

export type RequestBody =
  | { mode: 'raw'; raw: string; pointer: string; language?: string }
  | { mode: 'urlencoded'; fields: KeyValue[]; pointer: string }
  | { mode: 'other'; kind: string; pointer: string };

export interface CollectionRequest {
  /** "Folder › Request name" */
  label: string;
  name: string;
  /** The top-level folder, or "" for requests at the root. */
  group: string;
  pointer: string;
  method: string;
  /** The URL as written: `url.raw`, or the string form. */
  rawUrl?: string;
  urlPointer: string;
  /** The URL built from host/path/query parts, when the object form has them. */
  partsUrl?: string;
  pathVariables: Map<string, string>;
  headers: KeyValue[];
  /** Enabled `url.query` entries (object form only). */
  query: KeyValue[];
  body?: RequestBody;
  responses: SavedResponse[];
  /** Variables visible to this request, innermost scope first. */
  variables: Map<string, string>;
}

export interface CollectionModel {
  source: JsonSource;
  name: string;
  requests: CollectionRequest[];
  variables: Map<string, string>;
}

/** The request as it would be sent, after variables are resolved. */
export interface ResolvedUrl {
  href: string;
  /** Path plus query, the part sent to Prism. */
  target: string;
  pathname: string;
  searchParams: URLSearchParams;
}

export type RouteMatch =
  | {
      kind: 'operation';
      operation: Operation;
      template: PathTemplate;
      pathParams: Record<string, string>;
    }
  | { kind: 'method-mismatch'; methods: string[]; template: PathTemplate }
  | { kind: 'no-path' };

/** A collection request with its resolution: where it goes and which operation it exercises. */
export interface PlannedRequest {
  request: CollectionRequest;
  /** Undefined when the URL cannot be built; `unsendable` then says why. */
  url?: ResolvedUrl;
  /** Why the request must not be sent (another host, another scheme); undefined if it may be. */
  unsendable?: string;
  route: RouteMatch;
}

export interface LiveResponse {
  status: number;
  headers: Record<string, string>;
  bodyText: string;
}

/** One replayed request and what Prism answered. */
export interface Exchange {
  planned: PlannedRequest;
  operation: Operation;
  response: LiveResponse;
}

export interface RuleContext {
  spec: SpecModel;
  collection: CollectionModel;
  plan: PlannedRequest[];
  schemas: import('./schema').SchemaValidator;
}

export interface Rule {
  id: string;
  /** One sentence in "must" form; also the documentation line. */
  description: string;
  severity: Severity;
  /** Checks the documents alone. */
  checkStatic?(context: RuleContext): RuleFinding[];
  /** Checks one live answer from Prism. */
  checkExchange?(context: RuleContext, exchange: Exchange): RuleFinding[];
}
