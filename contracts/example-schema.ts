import { isJsonMediaType, mediaTypeOf } from './lib/bodies';
import { appendPointer, getAtPointer, isObject } from './lib/pointer';
import type { Direction } from './lib/schema';
import type { MediaTypeDecl, Operation, Rule, RuleContext, RuleFinding } from './lib/types';

const rule: Rule = {
  id: 'example-schema',
  description:
    'Every example in the spec, each named one included, must satisfy the schema it illustrates.',
  severity: 'error',

  checkStatic(context) {
    const findings: RuleFinding[] = [];
    for (const operation of context.spec.operations) {
      for (const response of operation.responses) {
        findings.push(
          ...checkMedia(
            context,
            operation,
            response.content,
            'response',
            `response ${response.status}`,
          ),
        );
      }
      if (operation.requestBody !== undefined) {
        findings.push(
          ...checkMedia(
            context,
            operation,
            operation.requestBody.content,
            'request',
            'request body',
          ),
        );
      }
      findings.push(...checkParameterExamples(context, operation));
    }
    findings.push(...checkComponentExamples(context));
    return findings;
  },
};

function checkMedia(
  { schemas }: RuleContext,
  operation: Operation,
  content: MediaTypeDecl[],
  direction: Direction,
  where: string,
): RuleFinding[] {
  return content.flatMap(media => {
    const { schemaPointer } = media;
    if (schemaPointer === undefined || !isJsonMediaType(mediaTypeOf(media.mediaType))) return [];
    return media.examples.flatMap(example =>
      schemas.validate(direction, schemaPointer, example.value).map(problem => ({
        message: `Example "${example.name}" of "${operation.label}" ${where} ${problem.at === '' ? '' : `at "${problem.at}" `}${problem.message}.`,
        document: 'spec' as const,
        pointer: example.pointer,
        operation,
      })),
    );
  });
}

function checkParameterExamples(
  { spec, schemas }: RuleContext,
  operation: Operation,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const parameter of operation.parameters) {
    const node = getAtPointer(spec.document, parameter.pointer);
    if (!isObject(node) || parameter.schemaPointer === undefined) continue;
    const examples: Array<{ name: string; pointer: string; value: unknown }> = [];
    if ('example' in node)
      examples.push({
        name: 'example',
        pointer: appendPointer(parameter.pointer, 'example'),
        value: node['example'],
      });
    if (isObject(node['examples'])) {
      for (const [name, entry] of Object.entries(node['examples'])) {
        if (isObject(entry) && 'value' in entry) {
          examples.push({
            name,
            pointer: appendPointer(parameter.pointer, 'examples', name, 'value'),
            value: entry['value'],
          });
        }
      }
    }
    for (const example of examples) {
      for (const problem of schemas.validate('request', parameter.schemaPointer, example.value)) {
        findings.push({
          message: `Example "${example.name}" of parameter "${parameter.name}" of "${operation.label}" ${problem.message}.`,
          document: 'spec',
          pointer: example.pointer,
          operation,
        });
      }
    }
  }
  return findings;
}

// Schema-level examples under components/schemas illustrate the schema they sit in.
function checkComponentExamples({ spec, schemas }: RuleContext): RuleFinding[] {
  const components = spec.document['components'];
  const all = isObject(components) && isObject(components['schemas']) ? components['schemas'] : {};
  const findings: RuleFinding[] = [];
  for (const [name, schema] of Object.entries(all)) {
    if (!isObject(schema)) continue;
    const schemaPointer = appendPointer('/components/schemas', name);
    const values: Array<{ pointer: string; value: unknown }> = [];
    if ('example' in schema)
      values.push({ pointer: appendPointer(schemaPointer, 'example'), value: schema['example'] });
    if (Array.isArray(schema['examples'])) {
      schema['examples'].forEach((value, index) =>
        values.push({ pointer: appendPointer(schemaPointer, 'examples', index), value }),
      );
    }
    for (const { pointer, value } of values) {
      for (const problem of schemas.validate('response', schemaPointer, value)) {
        findings.push({
          message: `The example of schema "${name}" ${problem.at === '' ? '' : `at "${problem.at}" `}${problem.message}.`,
          document: 'spec',
          pointer,
        });
      }
    }
  }
  return findings;
}

export default rule;
