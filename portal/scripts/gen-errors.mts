/**
 * Generates one page per problem `code` under portal/errors/ (served at /errors/<code>, the
 * `type` URL of every problem the gateway answers) from the ERRORS table itself, plus which
 * operations of openapi/openapi.json can answer each code. Called by scripts/gen.mts (prebuild).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS } from '../../gateway/src/platform/errors.ts';
import { apiDocPath } from '../src/components/api-doc-path.ts';
import { ERROR_NOTES, RETRY_TEXT } from './error-notes.mts';

const portal = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(portal, 'errors');
/** The OpenAPI document: openapi/openapi.json, or OPENAPI_PATH to preview another one. */
export const SPEC_PATH = process.env.OPENAPI_PATH ?? join(portal, '..', 'openapi', 'openapi.json');

interface Operation {
  operationId?: string;
  responses?: Record<string, { description?: string }>;
}
type Spec = { paths: Record<string, Record<string, Operation>> };

/** code → operations whose documented problem responses list it ("`code`: Title."). */
function operationsByCode(spec: Spec) {
  const found = new Map<string, { operationId: string; method: string; path: string }[]>();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op?.operationId || !op.responses) continue;
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        for (const m of (response.description ?? '').matchAll(/`([a-z_]+)`:/g)) {
          const list = found.get(m[1]!) ?? [];
          if (!list.some((o) => o.operationId === op.operationId))
            list.push({ operationId: op.operationId, method: method.toUpperCase(), path });
          found.set(m[1]!, list);
        }
      }
    }
  }
  return found;
}

/** Markdown-safe in MDX prose: braces and angle brackets would be read as JSX. */
function prose(text: string): string {
  return text.replace(/[{}<>]/g, (c) => `\\${c}`);
}

function page(code: string, position: number, ops: { operationId: string; method: string; path: string }[]) {
  const spec = ERRORS[code as keyof typeof ERRORS];
  const note = ERROR_NOTES[code];
  const status = `${spec.status} ${STATUS_CODES[spec.status] ?? ''}`.trim();
  const example = {
    type: `http://127.0.0.1:3000/errors/${code}`,
    title: spec.title,
    status: spec.status,
    detail: spec.detail,
    code,
    request_id: 'req_6Yg1pQ0bKxZr2s9aT4wLm8eV',
  };
  const lines = [
    '---',
    `title: ${JSON.stringify(`${code}: ${spec.title}`)}`,
    `sidebar_label: ${code}`,
    `sidebar_position: ${position}`,
    `slug: /${code}`,
    `description: ${JSON.stringify(spec.title)}`,
    '---',
    '',
    `# \`${code}\``,
    '',
    `**HTTP ${status}** · ${prose(spec.title)}`,
    '',
    `> ${prose(spec.detail)}`,
    '',
    'This is the default `detail`; a response may carry a more exact one for the case at hand.',
    '',
  ];
  if (note) lines.push('## When it happens', '', prose(note.when), '');
  lines.push(
    '## What to do',
    '',
    prose(RETRY_TEXT[note?.retry ?? (spec.status >= 500 ? 'backoff' : 'after-fix')]),
    '',
  );
  if (ops.length) {
    lines.push('## Operations that can answer it', '');
    for (const o of ops)
      lines.push(`- [\`${o.operationId}\`](${apiDocPath(o.operationId)}): \`${o.method} ${o.path}\``);
    lines.push('');
  }
  lines.push(
    '## Example',
    '',
    `\`type\` is \`<DOCS_URL>/errors/${code}\`: this page.`,
    '',
    '```http',
    `HTTP/1.1 ${status}`,
    'Content-Type: application/problem+json',
    `Request-Id: ${example.request_id}`,
    '',
    JSON.stringify(example, null, 2),
    '```',
    '',
    'Branch on `code`, never on `title` or `detail` (they are for people and may change). See',
    '[Errors](/docs/concepts/errors) for the format.',
    '',
  );
  return lines.join('\n');
}

function index(codes: string[]) {
  const rows = codes.map((code) => {
    const spec = ERRORS[code as keyof typeof ERRORS];
    return `| [\`${code}\`](/errors/${code}) | ${spec.status} | ${prose(spec.title)} |`;
  });
  return [
    '---',
    'title: Error codes',
    'sidebar_label: All codes',
    'sidebar_position: 0',
    'slug: /',
    '---',
    '',
    '# Error codes',
    '',
    'Every error is an RFC 9457 `application/problem+json` body with a stable `code`. Its `type` is',
    'the URL of the code’s page here. See [Errors](/docs/concepts/errors) for the format and how to',
    'handle them.',
    '',
    '| code | status | title |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Writes portal/errors/: an index and one page per code. Returns the codes. */
export function generateErrorPages(): string[] {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
  const byCode = operationsByCode(spec);
  const codes = Object.keys(ERRORS).sort((a, b) => {
    const sa = ERRORS[a as keyof typeof ERRORS].status;
    const sb = ERRORS[b as keyof typeof ERRORS].status;
    return sa - sb || a.localeCompare(b);
  });
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'index.md'), index(codes));
  codes.forEach((code, i) => {
    writeFileSync(join(outDir, `${code}.md`), page(code, i + 1, byCode.get(code) ?? []));
  });
  return codes;
}
