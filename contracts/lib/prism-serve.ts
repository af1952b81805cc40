// Starts one Prism mock server for one spec, as `prism mock <spec>` does with its default flags
// (static examples, CORS on, --errors off). Shared by the Prism host, which serves many specs on
// free ports, and by `npm start`, which serves the repository spec on a fixed port.
// Built from the same exported pieces as Prism CLI 5.14.2's createServer.js, with a logger of
// our own so that each server's log lines can be told apart and kept out of the terminal.

/** The parts of Prism this module uses, typed here because pino 6 ships no types. */
interface PrismModules {
  getHttpOperationsFromSpec(specPath: string): Promise<unknown[]>;
  configureExtensionsUserProvided(specPath: string, params: Record<string, unknown>): Promise<void>;
  createLogger(name: string, options: object, destination: { write(text: string): void }): Logger;
  createServer(operations: unknown[], options: object): PrismHttpServer;
}

interface Logger {
  info(message: string): void;
  child(bindings: { name: string }): Logger;
}

interface PrismHttpServer {
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export interface ServeSpecOptions {
  /** Absolute path of the spec. */
  specPath: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  writeLog(line: string): void;
  /**
   * Whether Prism checks its own answers against the spec (default true, as `prism mock` does).
   * The contract check turns it off: it validates every answer with AJV itself, and Prism's
   * per-operation validator compilation is most of its first-request cost.
   */
  validateResponses?: boolean;
}

export interface ServedSpec {
  /** 'http://<host>:<port>' */
  readonly url: string;
  close(): Promise<void>;
}

// The values `prism mock` passes when no flag is given (commands/mock.js, sharedOptions.js).
const MOCK_CONFIG = {
  validateRequest: true,
  validateResponse: true,
  checkSecurity: true,
  errors: false,
  upstreamProxy: undefined,
  mock: { dynamic: false, ignoreExamples: false, seed: null },
  isProxy: false,
};
const LOGGER_OPTIONS = {
  level: 'info',
  customLevels: { start: 31 },
  formatters: { level: (label: string) => ({ level: label }) },
};

let prismModules: PrismModules | undefined;

export async function serveSpec(options: ServeSpecOptions): Promise<ServedSpec> {
  const prism = loadPrism();
  const logger = prism.createLogger('CLI', LOGGER_OPTIONS, {
    write: text => options.writeLog(formatLogLine(text)),
  });

  // 1. Read and dereference the spec: the slow step when $ref cycles are long.
  const operations = await prism.getHttpOperationsFromSpec(options.specPath);
  // Callbacks would make the mock send requests of its own, to hosts the spec names.
  for (const operation of operations) delete (operation as { callbacks?: unknown }).callbacks;
  await prism.configureExtensionsUserProvided(options.specPath, { fillProperties: undefined });
  if (operations.length === 0) throw new Error('No operations found in the current file.');

  // 2. Listen.
  const server = prism.createServer(operations, {
    cors: true,
    config: {
      ...MOCK_CONFIG,
      validateResponse: options.validateResponses ?? MOCK_CONFIG.validateResponse,
    },
    components: { logger: logger.child({ name: 'HTTP SERVER' }) },
  });
  const url = await server.listen(options.port, options.host).catch(toListenError);
  logger.info(`Prism is listening on ${url}`);

  return { url, close: () => server.close() };
}

/** Loads Prism's modules once per process; the first call costs most of a second. */
export function loadPrism(): PrismModules {
  prismModules ??= {
    getHttpOperationsFromSpec: require('@stoplight/prism-http').getHttpOperationsFromSpec,
    configureExtensionsUserProvided: require('@stoplight/prism-cli/dist/extensions')
      .configureExtensionsUserProvided,
    createLogger: require('@stoplight/prism-core').createLogger,
    createServer: require('@stoplight/prism-http-server').createServer,
  };

  return prismModules;
}

// Prism fetches in two places: http(s) $refs through the global fetch, and OpenAPI callbacks
// (and proxying) through its own copy of node-fetch. The mock must never contact another host.
export function refuseDownloads(): void {
  const refuse = async (input: unknown): Promise<never> => {
    const url = input instanceof Request ? input.url : String(input);
    throw new Error(`refusing to download "${url}": only local $refs are allowed`);
  };
  globalThis.fetch = refuse;
  const prismHttp = require.resolve('@stoplight/prism-http');
  const nodeFetch = require(require.resolve('node-fetch', { paths: [prismHttp] })) as {
    default: unknown;
  };
  // Prism reads `.default` at call time, so replacing it covers modules already loaded.
  nodeFetch.default = async (input: unknown): Promise<never> => {
    throw new Error(`refusing to call "${String(input)}": the mock never sends callbacks`);
  };
}

/** The error code of a failed listen(), e.g. 'EADDRINUSE', or undefined. */
export function listenErrorCode(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;

  return typeof code === 'string' ? code : undefined;
}

// Prism's listen() rejects with the bare message string; give it back its error code.
function toListenError(reason: unknown): never {
  const message = reason instanceof Error ? reason.message : String(reason);
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = /\b(E[A-Z]+)\b/.exec(message)?.[1];
  throw error;
}

// Prism logs pino JSON lines; keep them readable: "[HTTP SERVER] info: Request received GET /x".
function formatLogLine(text: string): string {
  try {
    const entry = JSON.parse(text) as Record<string, unknown>;
    const input = entry['input'] as { method?: string; url?: { path?: string } } | undefined;
    const request = input ? ` ${String(input.method).toUpperCase()} ${input.url?.path ?? ''}` : '';

    return `[${String(entry['name'])}] ${String(entry['level'])}: ${String(entry['msg'])}${request}`;
  } catch {
    return text.trimEnd();
  }
}
