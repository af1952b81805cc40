import { documentedResponseBodies, liveBody } from './lib/bodies';
import type { BodyUnderCheck } from './lib/bodies';
import { isObject } from './lib/pointer';
import type { Rule, RuleFinding } from './lib/types';

const META_KEYS = ['total', 'page', 'limit'] as const;

const rule: Rule = {
  id: 'pagination',
  description:
    'A body whose "data" is an array must carry integer "meta.total", "meta.page" and "meta.limit" that agree with the items it holds.',
  severity: 'error',

  checkStatic(context) {
    return documentedResponseBodies(context).flatMap(checkPagination);
  },

  checkExchange(_context, exchange) {
    const body = liveBody(exchange);
    return body === undefined ? [] : checkPagination(body);
  },
};

function checkPagination({ value, description, at }: BodyUnderCheck): RuleFinding[] {
  if (!isObject(value) || !Array.isArray(value['data'])) return [];
  const count = value['data'].length;
  const meta = value['meta'];
  if (!isObject(meta)) {
    return [
      {
        ...at,
        message: `The list body of ${description} must have a "meta" object with integer "total", "page" and "limit".`,
      },
    ];
  }
  const notIntegers = META_KEYS.filter(key => !Number.isInteger(meta[key]));
  if (notIntegers.length > 0) {
    const shown = notIntegers
      .map(key => `"meta.${key}" (${JSON.stringify(meta[key]) ?? 'missing'})`)
      .join(', ');
    return [{ ...at, message: `The list body of ${description} must have integer ${shown}.` }];
  }

  const { total, page, limit } = meta as Record<(typeof META_KEYS)[number], number>;
  const problems: string[] = [];
  if (page < 1) problems.push(`"meta.page" must be at least 1, got ${page}`);
  if (limit < 1) problems.push(`"meta.limit" must be at least 1, got ${limit}`);
  if (count > limit) problems.push(`"data" holds ${count} items, more than "meta.limit" ${limit}`);
  if (page >= 1 && total < (page - 1) * limit + count) {
    problems.push(
      `"meta.total" ${total} is less than the ${(page - 1) * limit + count} items up to this page`,
    );
  }
  // D4 asks this of a short first page; a short page anywhere must likewise be the last one.
  const upToHere = (page - 1) * limit + count;
  if (page >= 1 && count < limit && (page === 1 || count > 0) && total !== upToHere) {
    const which = page === 1 ? 'a first page' : `page ${page}`;
    problems.push(
      `${which} with ${count} of at most ${limit} items is the last page, so "meta.total" must be ${upToHere}, got ${total}`,
    );
  }
  return problems.map(problem => ({
    ...at,
    message: `The list body of ${description} is inconsistent: ${problem}.`,
  }));
}

export default rule;
