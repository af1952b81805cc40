import type { Rule } from './lib/types';

const rule: Rule = {
  id: 'coverage-missing-request',
  description: 'Every spec operation must be exercised by at least one collection request.',
  severity: 'error',

  checkStatic({ spec, plan }) {
    const covered = new Set(
      plan.flatMap(planned =>
        planned.route.kind === 'operation' ? [planned.route.operation] : [],
      ),
    );
    return spec.operations
      .filter(operation => !covered.has(operation))
      .map(operation => ({
        message: `Operation "${operation.label}"${operation.summary === undefined ? '' : ` ("${operation.summary}")`} must be exercised by a collection request, but none calls it.`,
        document: 'spec' as const,
        pointer: operation.pointer,
        operation,
      }));
  },
};

export default rule;
