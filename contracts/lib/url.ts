import { encodeUriSegment } from './pointer';
import type { CollectionRequest, ResolvedUrl } from './types';

const VARIABLE = /\{\{([^{}]+)\}\}/g;
// Variables may refer to variables; a few passes cover real collections without looping forever.
const MAX_VARIABLE_PASSES = 5;

export function resolveVariables(text: string, variables: Map<string, string>): string {
  let current = text;
  for (let pass = 0; pass < MAX_VARIABLE_PASSES && current.includes('{{'); pass++) {
    const next = current.replace(
      VARIABLE,
      (whole, name: string) => variables.get(name.trim()) ?? whole,
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

export type UrlResolution =
  { url: ResolvedUrl; unsendable?: string } | { url?: undefined; unsendable: string };

/** Builds the URL a request would go to, from `url.raw` or, failing that, from its parts. */
export function resolveRequestUrl(
  request: CollectionRequest,
  form: 'raw' | 'parts' = 'raw',
): UrlResolution {
  const written = form === 'raw' ? (request.rawUrl ?? request.partsUrl) : request.partsUrl;
  if (written === undefined || written.trim() === '') return { unsendable: 'it has no URL' };

  let text = resolveVariables(written.trim(), request.variables);
  // Postman sends scheme-less URLs over http; in "localhost:4010/…" the colon starts a port.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;

  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { unsendable: `its URL "${text}" cannot be parsed` };
  }
  parsed.pathname = parsed.pathname
    .split('/')
    .map(segment => fillPathVariable(segment, request))
    .join('/');

  const url: ResolvedUrl = {
    href: parsed.href,
    target: parsed.pathname + parsed.search,
    pathname: parsed.pathname,
    searchParams: parsed.searchParams,
  };
  return { url, unsendable: whyNotLoopback(parsed) };
}

/**
 * Why a URL must not be sent, or undefined when it targets plain http on this machine.
 * Decided by parsing alone: no DNS, no prefix matching (so "127.0.0.1.example.com" is remote).
 */
export function whyNotLoopback(url: URL): string | undefined {
  if (url.protocol !== 'http:')
    return `its URL uses the scheme "${url.protocol}", and only http on the loopback mock is sent`;
  if (url.username !== '' || url.password !== '')
    return `its URL carries user information ("${url.username}@"), which can disguise the real host`;
  if (!isLoopbackHost(url.hostname))
    return `its URL points at the host "${url.hostname}", which is not this machine's loopback`;
  // Resolved against the mock's address, a path starting "//" names a host of its own.
  if (url.pathname.startsWith('//'))
    return `its path "${url.pathname}" starts with "//", which a client reads as another host`;
  return undefined;
}

export function isLoopbackHost(hostname: string): boolean {
  // WHATWG URL parsing has already turned "127.1" and "0x7f.0.0.1" into dotted decimal.
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return (
    octets !== null && octets[1] === '127' && octets.slice(2).every(octet => Number(octet) <= 255)
  );
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function fillPathVariable(segment: string, request: CollectionRequest): string {
  if (!segment.startsWith(':')) return segment;
  const value = request.pathVariables.get(decodeSegment(segment.slice(1)));
  return value === undefined
    ? segment
    : encodeUriSegment(resolveVariables(value, request.variables));
}
