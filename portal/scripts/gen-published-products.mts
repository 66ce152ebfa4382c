/** lodash's kebabCase on tag names, as docusaurus-plugin-openapi-docs names its tag pages. */
export const tagSlug = (name: string) =>
  (name.match(/[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [])
    .join('-')
    .toLowerCase();

/** The published products of the document (`npm run openapi -- --with-published`): tags with x-product. */
export function publishedProducts(spec: {
  tags?: { name: string; description?: string; 'x-product'?: string; 'x-deprecated'?: boolean }[];
}) {
  return (spec.tags ?? [])
    .filter((t) => t['x-product'])
    .map((t) => ({
      id: t['x-product']!,
      title: t.name,
      // The tag's last paragraph is the team's description; a deprecation notice comes first.
      text: (t.description ?? '').split('\n\n').at(-1) ?? '',
      deprecated: t['x-deprecated'] === true,
      to: `/docs/api/${tagSlug(t.name)}`,
    }));
}
