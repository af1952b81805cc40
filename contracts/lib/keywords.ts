// Where an OpenAPI document holds data rather than schemas. Walkers that look for `$ref`s,
// rewrite schemas or inspect properties must not step into example, default, const or enum
// values, but a property that merely happens to be called "example" is still a schema.

const DATA_KEYWORDS = new Set(['example', 'examples', 'default', 'const', 'enum']);
// Maps whose keys are names chosen by the author, so a key there is never a keyword.
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);

/** Whether the value under `key` (inside an object reached through `parentKey`) is data. */
export function holdsData(key: string, parentKey: string | number | undefined): boolean {
  return DATA_KEYWORDS.has(key) && !(typeof parentKey === 'string' && NAME_MAPS.has(parentKey));
}
