import { deref } from './lib/openapi';
import { appendPointer, getAtPointer, isObject } from './lib/pointer';
import type { Rule, RuleContext, RuleFinding } from './lib/types';
import { whyNotLoopback } from './lib/url';

const rule: Rule = {
  id: 'non-loopback-url',
  description:
    'Every request must resolve to plain http on this machine, and the spec must declare no callback elsewhere; any other URL is reported and never sent.',
  severity: 'error',

  checkStatic(context) {
    const findings: RuleFinding[] = [];
    for (const { request, url, unsendable } of context.plan) {
      // A request without any URL is an orphan; everything else that cannot go is reported here.
      if (
        unsendable === undefined ||
        (url === undefined && request.rawUrl === undefined && request.partsUrl === undefined)
      )
        continue;
      findings.push({
        message: `Request "${request.label}" was not sent because ${unsendable}; its URL must resolve to http://127.0.0.1 through "{{baseUrl}}".`,
        document: 'collection',
        pointer: request.urlPointer,
        request,
      });
    }
    return [...findings, ...checkCallbacks(context)];
  },
};

// A callback makes a mock send a request of its own. The suite's Prism never sends them, but a
// spec that declares one aimed anywhere but this machine would make other mocks leave it.
function checkCallbacks({ spec }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const operation of spec.operations) {
    const node = getAtPointer(spec.document, operation.pointer);
    const callbacks = isObject(node) ? deref(spec.document, node['callbacks']).value : undefined;
    if (!isObject(callbacks)) continue;
    for (const [name, entry] of Object.entries(callbacks)) {
      const callback = deref(spec.document, entry).value;
      if (!isObject(callback)) continue;
      for (const expression of Object.keys(callback)) {
        const why = whyCallbackLeaves(expression);
        if (why === undefined) continue;
        findings.push({
          message: `Operation "${operation.label}" declares the callback "${name}" to "${expression}": ${why}. The mock never sends callbacks; remove it or aim it at http://127.0.0.1.`,
          document: 'spec',
          pointer: appendPointer(operation.pointer, 'callbacks', name),
          operation,
        });
      }
    }
  }
  return findings;
}

function whyCallbackLeaves(expression: string): string | undefined {
  if (expression.includes('{'))
    return 'the request decides its URL at run time, so it may point anywhere';
  try {
    return whyNotLoopback(new URL(expression));
  } catch {
    return 'it is not a URL';
  }
}

export default rule;
