import Link from '@docusaurus/Link';
import operations from '../generated/operations.json';
import { apiDocPath } from './api-doc-path';

type Operation = { method: string; path: string; summary: string };
const OPERATIONS: Record<string, Operation> = operations;

/**
 * `METHOD /path` linked to the operation's reference page. An operation not (yet) in
 * openapi/openapi.json renders as plain code, so a guide never holds a broken link.
 */
export function ApiLink({ op, children }: { op: string; children?: React.ReactNode }) {
  const found = OPERATIONS[op];
  const label = children ?? (found ? `${found.method} ${found.path}` : op);
  if (!found) return <code>{label}</code>;
  return (
    <Link to={apiDocPath(op)}>
      <code>{label}</code>
    </Link>
  );
}
