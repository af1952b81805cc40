// The rule registry: the table of contents of the contract. Ids are public; keep them stable.
import type { Rule } from './lib/types';

import unusableInput from './unusable-input';

import successOnly from './success-only';
import envelope from './envelope';
import isoTimestamp from './iso-timestamp';
import pagination from './pagination';

import coverageMissingRequest from './coverage-missing-request';
import orphanRequest from './orphan-request';
import methodMismatch from './method-mismatch';

import urlConsistency from './url-consistency';
import baseUrlVariable from './base-url-variable';
import nonLoopbackUrl from './non-loopback-url';

import contentType from './content-type';
import requestSchema from './request-schema';
import responseSchema from './response-schema';
import exampleSchema from './example-schema';
import savedResponseSchema from './saved-response-schema';

export const rules: readonly Rule[] = [
  // input
  unusableInput,
  // house rules
  successOnly,
  envelope,
  isoTimestamp,
  pagination,
  // agreement between spec and collection
  coverageMissingRequest,
  orphanRequest,
  methodMismatch,
  // where requests go
  urlConsistency,
  baseUrlVariable,
  nonLoopbackUrl,
  // schemas
  contentType,
  requestSchema,
  responseSchema,
  exampleSchema,
  savedResponseSchema,
];

export const ruleIds = rules.map(rule => rule.id);
