import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The dependency rule of ARCHITECTURE.md, read from the imports themselves:
 * runtime → app → products → consents/oauth → platform → db. Also the write rule: no `.batch(`
 * outside service/, platform/commit.ts and db/. A function of file texts (not of the
 * disk) so its own test can plant a breach and watch it being found.
 */

/** A source file, its path relative to gateway/src with `/` separators. */
export interface Source {
  path: string;
  text: string;
}

export interface Import {
  from: string;
  line: number;
  specifier: string;
  /** The file it resolves to, relative to gateway/src. */
  to: string;
}

export type Rule =
  | 'platform-imports-only-platform-and-db'
  | 'db-imports-only-db'
  | 'nothing-imports-runtime'
  | 'products-meet-through-index'
  | 'shipped-code-imports-no-test-code'
  | 'batches-only-in-service-commit-or-db'
  | 'service-files-are-verbs'
  | 'no-folder-cycles';

export interface Finding {
  rule: Rule;
  file: string;
  line: number;
  to: string;
  message: string;
}

/** An import that breaks a rule on purpose for now; every entry names why and who removes it. */
export interface Allowance {
  rule: Rule;
  from: string;
  to: string;
}

// config.ts and env.ts are the platform's own configuration schema and Hono environment type.
const ROOT_FILE_AREAS: Record<string, string> = {
  'config.ts': 'platform',
  'env.ts': 'platform',
  'app.ts': 'app',
  'openapi-document.ts': 'app',
};

/** The folder a file belongs to for the rule: `products/<name>`, a top-level folder, or app. */
export function areaOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return ROOT_FILE_AREAS[path] ?? path.replace(/\.tsx?$/, '');
  if (parts[0] === 'products') return `products/${parts[1]}`;
  return parts[0]!;
}

/** Tests and their fixtures wire whole gateways (runtime included), like runtime/ itself does. */
export function isTestCode(path: string): boolean {
  return (
    /\.test\.tsx?$/.test(path) ||
    path.startsWith('testing/') ||
    /(^|\/)test-support\.tsx?$/.test(path) ||
    /-testing\.tsx?$/.test(path)
  );
}

export function readSources(dir: string): Source[] {
  const out: Source[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
        out.push({ path: relative(dir, p).split(sep).join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

function resolve(from: string, specifier: string, known: Set<string>): string | null {
  const parts = from.split('/').slice(0, -1);
  for (const seg of specifier.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  const base = parts.join('/');
  for (const c of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (known.has(c)) return c;
  return null;
}

/** Every relative import, re-export, dynamic import() and import type of the files. */
export function importsOf(sources: Source[]): Import[] {
  const known = new Set(sources.map((s) => s.path));
  const out: Import[] = [];
  for (const s of sources) {
    const sf = ts.createSourceFile(s.path, s.text, ts.ScriptTarget.Latest, true);
    const add = (node: ts.Node, spec: ts.Node | undefined) => {
      if (!spec || !ts.isStringLiteralLike(spec) || !spec.text.startsWith('.')) return;
      const to = resolve(s.path, spec.text, known);
      if (!to) return;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      out.push({ from: s.path, line, specifier: spec.text, to });
    };
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
      else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
        add(node, node.arguments[0]);
      else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
        add(node, node.argument.literal);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

const MESSAGES: Record<Exclude<Rule, 'no-folder-cycles'>, string> = {
  'platform-imports-only-platform-and-db':
    'platform knows no product and no OAuth module: move what both need down into platform, or have the upper layer hand it in',
  'db-imports-only-db': 'db/ is the bottom layer: what needs the ledger, OAuth or a product lives above it',
  'nothing-imports-runtime': 'runtime/ is the entry point: pass what you need in through Services instead',
  'products-meet-through-index':
    'a product is reached only through its index.ts: export what others need there (oauth: register a hook)',
  'shipped-code-imports-no-test-code': 'shipped code must not depend on tests or their fixtures',
  'batches-only-in-service-commit-or-db':
    'a write is one batch through platform/commit.ts (commit or commitWrites) or a service/ verb, so every write path keeps the same atomicity and lost-race handling',
  'service-files-are-verbs':
    'a service/ file is one verb and exports it under its own name (create-loan.ts → createLoan); helpers go in service/internal/',
};

/**
 * service/<verb>.ts exports <verb>: the folder reads as the list of what the product does. The
 * service context type (service/context.ts) is the one non-verb a service folder may hold.
 */
function nonVerbServiceFiles(sources: Source[]): Finding[] {
  const out: Finding[] = [];
  for (const s of sources) {
    const m = /(?:^|\/)service\/([a-z0-9-]+)\.tsx?$/.exec(s.path);
    if (!m || isTestCode(s.path) || m[1] === 'context') continue;
    const verb = m[1]!.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (new RegExp(`export (async )?(function|const) ${verb}\\b`).test(s.text)) continue;
    const rule = 'service-files-are-verbs';
    out.push({ rule, file: s.path, line: 1, to: verb, message: MESSAGES[rule] });
  }
  return out;
}

/** Where a `.batch(...)` call may stand: service verbs, the one commit, and the db layer itself. */
const mayBatch = (path: string) =>
  path === 'platform/commit.ts' || path.startsWith('db/') || /(^|\/)service\//.test(path);

/** Every `x.batch(…)` call in shipped code outside service/, platform/commit.ts and db/. */
function strayBatches(sources: Source[]): Finding[] {
  const out: Finding[] = [];
  for (const s of sources) {
    if (isTestCode(s.path) || mayBatch(s.path) || !s.text.includes('.batch(')) continue;
    const sf = ts.createSourceFile(s.path, s.text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'batch'
      ) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const rule = 'batches-only-in-service-commit-or-db';
        out.push({ rule, file: s.path, line, to: node.expression.getText(sf), message: MESSAGES[rule] });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

function ruleOf(
  imp: Import,
): Exclude<
  Rule,
  'no-folder-cycles' | 'batches-only-in-service-commit-or-db' | 'service-files-are-verbs'
> | null {
  const from = areaOf(imp.from);
  const to = areaOf(imp.to);
  if (isTestCode(imp.to)) return 'shipped-code-imports-no-test-code';
  if (to === 'runtime') return from === 'runtime' ? null : 'nothing-imports-runtime';
  if (from === 'platform' && to !== 'platform' && to !== 'db') return 'platform-imports-only-platform-and-db';
  if (from === 'db' && to !== 'db') return 'db-imports-only-db';
  if (to.startsWith('products/') && from !== to && from !== 'runtime' && imp.to !== `${to}/index.ts`)
    return 'products-meet-through-index';
  return null;
}

const isAllowed = (allow: Allowance[], rule: Rule, imp: Import) =>
  allow.find((a) => a.rule === rule && a.from === imp.from && a.to === imp.to);

/** Folder-level loops: strongly connected areas, each reported with one import per edge. */
function cycles(imports: Import[]): Finding[] {
  const edges = new Map<string, Map<string, Import>>();
  for (const imp of imports) {
    const a = areaOf(imp.from);
    const b = areaOf(imp.to);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Map());
    if (!edges.get(a)!.has(b)) edges.get(a)!.set(b, imp);
  }
  const next = (a: string) => [...(edges.get(a)?.keys() ?? [])].sort();
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const start of [...edges.keys()].sort()) {
    if (reported.has(start)) continue;
    // Shortest loop back to start (breadth-first), so the report names the fewest imports.
    const prev = new Map<string, string>();
    const queue = [start];
    let closing: string | null = null;
    while (queue.length && !closing) {
      const a = queue.shift()!;
      for (const b of next(a)) {
        if (b === start) {
          closing = a;
          break;
        }
        if (!prev.has(b)) {
          prev.set(b, a);
          queue.push(b);
        }
      }
    }
    if (!closing) continue;
    const path = [start];
    for (let n = closing; n !== start; n = prev.get(n)!) path.splice(1, 0, n);
    for (const n of path) reported.add(n);
    const hops = path.map((a, i) => edges.get(a)!.get(path[(i + 1) % path.length]!)!);
    findings.push({
      rule: 'no-folder-cycles',
      file: hops[0]!.from,
      line: hops[0]!.line,
      to: hops[0]!.to,
      message: `folder loop ${[...path, start].join(' → ')}; break one of: ${hops
        .map((h) => `${h.from}:${h.line} → ${h.to}`)
        .join(', ')}`,
    });
  }
  return findings;
}

/** The breaches of the rule, and the allowances that no longer match anything (stale). */
export function checkArchitecture(
  sources: Source[],
  allow: Allowance[] = [],
): { findings: Finding[]; staleAllowances: Allowance[] } {
  const shipped = importsOf(sources).filter((i) => !isTestCode(i.from));
  const used = new Set<Allowance>();
  const findings: Finding[] = [];
  const kept: Import[] = [];
  for (const imp of shipped) {
    const rule = ruleOf(imp);
    const allowance = rule && isAllowed(allow, rule, imp);
    if (allowance) used.add(allowance);
    else kept.push(imp);
    if (rule && !allowance)
      findings.push({ rule, file: imp.from, line: imp.line, to: imp.to, message: MESSAGES[rule] });
  }
  // An allowed import is on its way out: loops are judged without it.
  findings.push(...cycles(kept), ...strayBatches(sources), ...nonVerbServiceFiles(sources));
  return { findings, staleAllowances: allow.filter((a) => !used.has(a)) };
}

export function formatFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line} [${f.rule}] imports ${f.to}: ${f.message}`).join('\n');
}
