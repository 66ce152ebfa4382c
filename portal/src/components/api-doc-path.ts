/**
 * The API reference page of an operation. docusaurus-plugin-openapi-docs names each page after
 * its operationId in kebab case (lodash kebabCase; operationIds are camelCase words).
 */
export function apiDocPath(operationId: string): string {
  return `/docs/api/${operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}
